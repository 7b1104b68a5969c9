"""Clinicians read the symptom check's rules in the admin, read-only: every question,
choice and rule, the advice classes, the changelog and the safety case; and production
says when a version is not approved."""

import pytest

from support.pages import text_of
from triage import governance, rules

pytestmark = pytest.mark.django_db

RULES_PAGE = "/admin/triage/rules/"


def test_the_rules_page_shows_every_question_choice_and_rule(editor_client, settings):
    settings.URGENT_CARE_CONTACT = "NHS 111 (call 111)"
    response = editor_client.get(RULES_PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(html)
    assert f"Version {rules.RULES_VERSION}" in page
    assert "approval pending: not for production" in page
    assert "NHS 111 (call 111) (URGENT_CARE_CONTACT)" in page
    for question in rules.QUESTIONS:
        assert question.label in page
        for choice in question.choices:
            assert f"<code>{choice.value}</code>" in html
    assert page.count("Retired: no longer asked") == sum(
        len(question.retired_values) for question in rules.QUESTIONS
    )
    for rule in rules.RULES:
        assert f'id="rule-{rule.code}"' in html
        for source in rule.sources:
            if source.url:
                assert f'href="{source.url}"' in html
    assert page.count("(retired: never fires)") == len(rules.RULES) - len(rules.ACTIVE_RULES)
    # Texts with the contacts filled in, as readers see them.
    assert "{urgent_care_contact}" not in page and "{emergency_number}" not in page


def test_the_rules_page_gives_each_rules_level_reason_and_hazards(editor_client):
    html = editor_client.get(RULES_PAGE).content.decode()
    rule = rules.RULES_BY_CODE["emergency_stroke_signs"]
    section = text_of(html[html.index(f'id="rule-{rule.code}"') :].split("</section>")[0])
    hazards = ", ".join(h.id for h in governance.hazards_for_rule(rule.code))
    assert hazards.startswith("H-")
    for shown in ("Emergency", rules.EMERGENCY_SIGNS.label, rule.reason[:60], hazards):
        assert shown in section, shown


def test_the_rules_page_shows_the_advice_caps_the_changelog_and_the_safety_case(editor_client):
    page = text_of(editor_client.get(RULES_PAGE).content.decode())
    assert "Only up to See a GP" in page  # reassurance's cap
    for advice in rules.ADVICE:
        assert advice.title in page
    assert f"at most {rules.MAX_ARTICLES} on a result" in page
    for entry in governance.changelog():
        assert entry.version in page
    assert f"Safety case for {rules.RULES_VERSION}" in page
    assert "The clinical case suite" in page  # a heading of the safety case


def test_the_rules_page_is_for_staff_only(client, django_user_model):
    assert client.get(RULES_PAGE).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader", password="x-long-pw-1"))
    assert client.get(RULES_PAGE).status_code == 302


def test_the_admin_links_to_the_rules_page(editor_client):
    assert f'href="{RULES_PAGE}"' in editor_client.get("/admin/").content.decode()
    assert f'href="{RULES_PAGE}"' in editor_client.get("/admin/triage/submission/").content.decode()


BANNER = "approval pending, not for production"


def test_production_shows_a_banner_on_admin_pages_while_approval_is_pending(
    editor_client, settings
):
    settings.DEBUG = False
    for url in ("/admin/", "/admin/articles/article/", RULES_PAGE):
        assert BANNER in text_of(editor_client.get(url).content.decode()), url
    settings.DEBUG = True
    assert BANNER not in text_of(editor_client.get("/admin/").content.decode())


@pytest.fixture
def approved_version(tmp_path, monkeypatch):
    """This version's records, as they will read once a CSO has approved it."""
    changelog = governance.CHANGELOG.read_text(encoding="utf-8").replace(
        "**Approved by:** approval pending: not for production.",
        "**Approved by:** Dr A Example, GMC 0000000, 2 December 2026.",
        1,
    )
    case = governance.safety_case(rules.RULES_VERSION).text.replace(
        "**Approved by:** approval pending: not for production.",
        "**Approved by:** Dr A Example, GMC 0000000, 2 December 2026.",
    )
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    (tmp_path / f"safety-case-{rules.RULES_VERSION}.md").write_text(case, encoding="utf-8")
    monkeypatch.setattr(governance, "CHANGELOG", tmp_path / "CHANGELOG.md")
    monkeypatch.setattr(governance, "CLINICAL_SAFETY_DIR", tmp_path)
    governance.changelog.cache_clear()
    governance.safety_case.cache_clear()
    yield
    governance.changelog.cache_clear()
    governance.safety_case.cache_clear()


def test_an_approved_version_shows_no_banner(editor_client, settings, approved_version):
    settings.DEBUG = False
    settings.CLINICAL_SAFETY_OFFICER = "Dr A Example, GMC 0000000"
    assert not governance.approval_pending(settings.CLINICAL_SAFETY_OFFICER)
    assert BANNER not in text_of(editor_client.get("/admin/").content.decode())
    page = text_of(editor_client.get(RULES_PAGE).content.decode())
    assert "Dr A Example, GMC 0000000, 2 December 2026." in page


def test_an_approval_line_without_the_named_officer_still_shows_the_banner(
    editor_client, settings, approved_version
):
    settings.DEBUG = False
    settings.CLINICAL_SAFETY_OFFICER = ""  # the line names someone, but nobody is named
    assert BANNER in text_of(editor_client.get("/admin/").content.decode())
    settings.CLINICAL_SAFETY_OFFICER = "Dr B Other, NMC 99A9999A"
    assert BANNER in text_of(editor_client.get("/admin/").content.decode())


def test_the_deploy_check_warns_while_approval_is_pending(settings):
    from triage.checks import rules_are_approved

    settings.TRIAGE_ENABLED = True
    assert [m.id for m in rules_are_approved()] == ["triage.W002"]
    settings.TRIAGE_ENABLED = False  # switched off: nothing unapproved reaches the public
    assert rules_are_approved() == []
