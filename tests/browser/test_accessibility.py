"""axe-core finds no WCAG 2.2 AA or best-practice violation on any page a reader can reach."""

import pytest

from support.browser import (
    answer_step_one,
    axe_violations,
    fill_in_symptom_check,
    log_in_as_editor,
    submit,
)
from support.pages import SLUGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PAGES = ["/", "/articles/", *[f"/articles/{slug}/" for slug in SLUGS], "/triage/", "/privacy/",
         "/search/", "/search/?q=twitching", "/search/?q=xylophone",
         "/no-such-page/"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_accessibility_violations(page, url):
    page.goto(url)
    assert axe_violations(page) == []


@pytest.mark.parametrize("state", ["step-1-empty", "step-1-none-and-a-sign", "step-2-empty",
                                   "step-2-none-and-a-symptom"])  # fmt: skip
def test_each_error_state_has_no_accessibility_violations(page, state):
    if state.startswith("step-1"):
        page.goto("/triage/")
        if state == "step-1-none-and-a-sign":
            page.check("input[name=emergency][value=none]")
            page.check("input[name=emergency][value=seizure]")
    else:
        answer_step_one(page)
        if state == "step-2-none-and-a-symptom":
            page.check("input[name=symptoms][value=none]")
            page.check("input[name=symptoms][value=cramps]")
    submit(page)
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []


def test_step_two_has_no_accessibility_violations(page):
    answer_step_one(page, age="5_to_15")
    assert page.locator("h1").inner_text() == "About the twitching"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ({"symptom": "none"}, "self_care"),
        ({"symptom": "weakness"}, "routine"),
        ({"symptom": "fever"}, "urgent"),
        ({"symptom": "low_blood_sugar"}, "urgent"),
        ({"symptom": "worry"}, "routine"),
        ({"age": "under_5"}, "under_5"),
        ({"emergency": "stroke_signs"}, "emergency"),
        ({"emergency": "heatstroke_signs"}, "emergency"),
    ],
    ids=["self-care", "routine", "urgent", "low-blood-sugar", "worry", "under-5", "emergency",
         "heatstroke"],
)  # fmt: skip
def test_each_outcome_has_no_accessibility_violations(page, answers, outcome):
    fill_in_symptom_check(page, **answers)
    assert page.locator(f'[data-outcome="{outcome}"]').count() == 1
    assert axe_violations(page) == []


def test_the_admin_article_change_page_has_no_accessibility_violations(page, editor):
    from articles.models import Article

    log_in_as_editor(page)
    page.goto(f"/admin/articles/article/{Article.objects.get(slug=SLUGS[2]).pk}/change/")
    assert page.locator("#id_body").count() == 1
    assert axe_violations(page) == []


EDITORIAL_PAGES = ["change", "history", "compare", "preview", "publish", "discard", "sign-off",
                   "delete", "../reviews-due", ".."]  # fmt: skip


@pytest.mark.parametrize("which", EDITORIAL_PAGES)
def test_the_editorial_pages_have_no_accessibility_violations(page, editor, which):
    from articles import services
    from articles.models import Article

    article = Article.objects.get(slug=SLUGS[2])
    services.pending_change_save(
        article=article, fields={"summary": "A pending summary."}, user=editor
    )
    versions = list(article.history.values_list("history_id", flat=True))
    services.article_sign_off(article=article, reviewer=editor)
    newest = article.history.first().history_id
    log_in_as_editor(page)
    query = f"?from={versions[-1]}&to={newest}" if which == "compare" else ""
    response = page.goto(f"/admin/articles/article/{article.pk}/{which}/{query}")
    assert response.status == 200
    assert axe_violations(page) == []


@pytest.mark.parametrize("state", ["form", "error", "sent"])
def test_the_safety_concern_pages_have_no_accessibility_violations(page, state):
    fill_in_symptom_check(page, "weakness")
    with page.expect_navigation():
        page.click("text=Report a safety concern")
    if state != "form":
        if state == "sent":
            page.check("input[name=category][value=wrong_advice]")
        submit(page)
    assert axe_violations(page) == []


def test_the_switched_off_symptom_check_has_no_accessibility_violations(page, settings):
    settings.TRIAGE_ENABLED = False
    page.goto("/triage/")
    assert page.locator("h1").inner_text() == "The symptom check is not available"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "url", ["/admin/triage/rules/", "/admin/triage/submission/statistics/", "/admin/"]
)
def test_the_rules_and_statistics_pages_have_no_accessibility_violations(page, editor, url):
    from support.triage_forms import VALID
    from triage.engine import assess
    from triage.services import concern_create, submission_create

    submission_create(assessment=assess(VALID), form_key="a" * 32)
    concern_create(category="wrong_advice", level="self_care", rules_version="2026-12-01.1",
                   form_key="b" * 32)  # fmt: skip
    log_in_as_editor(page)
    assert page.goto(url).status == 200
    assert axe_violations(page) == []


@pytest.mark.parametrize("state", ["article", "reasons", "thanks", "outcome"])
def test_the_feedback_states_have_no_accessibility_violations(page, state):
    if state == "outcome":
        fill_in_symptom_check(page, "weakness")
        assert page.locator("#feedback").count() == 1
    else:
        page.goto("/articles/multiple-sclerosis/")
        if state != "article":
            with page.expect_navigation():
                page.click("#feedback button[value=no]")
            if state == "thanks":
                with page.expect_navigation():
                    page.click("button[name=send]")
    assert axe_violations(page) == []
