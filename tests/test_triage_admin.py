"""Staff see checks read-only, with statistics and a CSV export; nobody else sees them."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from support.triage_forms import VALID
from triage.engine import assess
from triage.models import Submission
from triage.rules import RULES_VERSION, CareLevel
from triage.services import concern_create, submission_create, to_the_hour

pytestmark = pytest.mark.django_db

LIST = "/admin/triage/submission/"
STATS = "/admin/triage/submission/statistics/"


def store(answers: dict, key: str, days_ago: int = 0) -> Submission:
    submission, _ = submission_create(assessment=assess(answers), form_key=key)
    submission.created_hour = to_the_hour(timezone.now() - timedelta(days=days_ago))
    submission.save()
    return submission


# A check stored by the first edition of the rules, before step 1 and the retired choices.
OLD_RULES = "2026-11-22.1"
OLD_ANSWERS = {
    "location": ["shoulder"],
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "triggers": [],
    "symptoms": ["breathing_difficulty", "fever_or_very_unwell"],
}


def store_old(days_ago: int = 0) -> Submission:
    return Submission.objects.create(
        answers=OLD_ANSWERS,
        answers_digest="d" * 64,
        level="emergency",
        reason_codes=["symptom_breathing_difficulty", "symptom_fever_or_very_unwell"],
        rules_version=OLD_RULES,
        form_key="d" * 32,
        created_hour=to_the_hour(timezone.now() - timedelta(days=days_ago)),
    )


@pytest.fixture
def checks():
    return [
        store(VALID, "a" * 32),
        store(VALID | {"emergency": ["seizure"], "location": ["face", "eyelid"]}, "b" * 32, 8),
        store(VALID | {"duration": "over_3_months"}, "c" * 32, 400),
    ]


def test_staff_see_checks_with_a_summary_of_the_answers(editor_client, checks):
    html = editor_client.get(LIST).content.decode()
    assert "Where is the twitching? Shoulder" in html
    assert "Emergency" in html


def test_checks_cannot_be_added_or_changed_in_the_admin(editor_client, checks):
    assert editor_client.get(LIST + "add/").status_code == 403
    change = editor_client.get(f"{LIST}{checks[0].pk}/change/").content.decode()
    assert 'name="level"' not in change  # shown, not editable
    response = editor_client.post(f"{LIST}{checks[0].pk}/change/", {"level": "emergency"})
    assert response.status_code == 403
    assert Submission.objects.get(pk=checks[0].pk).level == "self_care"


def test_only_superusers_may_delete_checks(checks, django_user_model):
    staff = django_user_model.objects.create_user(
        "nurse", password="x-long-password", is_staff=True
    )
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_submission"))
    client = Client()
    client.force_login(staff)
    assert client.get(LIST).status_code == 200
    assert client.post(f"{LIST}{checks[0].pk}/delete/", {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=checks[0].pk).exists()


def test_the_list_filters_by_level(editor_client, checks):
    html = editor_client.get(LIST + "?level=emergency").content.decode()
    assert "1 submission" in html


def test_statistics_show_weeks_shares_and_choices_to_staff(editor_client, checks):
    response = editor_client.get(STATS)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="chart" role="img"' in html and "<table>" in html
    shares = {level: count for level, count, _ in response.context["shares"]}
    assert shares == {CareLevel.SELF_CARE: 1, CareLevel.ROUTINE: 1, CareLevel.URGENT: 0,
                      CareLevel.EMERGENCY: 1}  # fmt: skip
    weeks = response.context["weeks"]
    assert len(weeks) == 12
    assert sum(week.total for week in weeks) == 2  # the 400-day-old check is outside
    locations = dict(response.context["choices"]["Where is the twitching?"])
    assert locations["Shoulder"] == 2 and locations["Face"] == 1


def test_statistics_are_refused_to_the_public_and_to_non_staff(client, django_user_model):
    assert client.get(STATS).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("reader", password="x-long-password")
    client.force_login(user)
    assert client.get(STATS).status_code == 302


def test_the_csv_action_exports_the_selected_checks(editor_client, checks):
    response = editor_client.post(
        LIST, {"action": "export_csv", "_selected_action": [c.pk for c in checks[:2]]}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert [row["level"] for row in rows] == ["emergency", "self_care"]
    assert rows[0]["location"] == "eyelid|face"


def test_export_command_writes_checks_since_a_date(checks):
    out = io.StringIO()
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    call_command("export_submissions", "--since", since, stdout=out, stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2


def test_purge_deletes_checks_older_than_the_retention_period(checks, settings):
    settings.TRIAGE_RETENTION_DAYS = 365
    out = io.StringIO()
    call_command("purge_submissions", "--dry-run", stdout=out)
    assert "1 checks and 0 feedback answers are older than 365 days (dry run)" in out.getvalue()
    assert Submission.objects.count() == 3
    call_command("purge_submissions", stdout=io.StringIO())
    assert Submission.objects.count() == 2
    assert not Submission.objects.filter(pk=checks[2].pk).exists()


def test_a_check_that_ended_at_step_one_shows_only_what_was_asked(editor_client):
    store({"age": "under_5", "emergency": ["none"]}, "e" * 32)
    html = editor_client.get(LIST).content.decode()
    assert "How old is the person with the twitching? Under 5" in html
    assert "Where is the twitching?" not in html


def test_old_checks_still_show_export_and_count(editor_client):
    old = store_old(days_ago=3)
    listing = editor_client.get(LIST).content.decode()
    assert "Struggling to breathe, A high temperature, a stiff neck or jaw" in listing
    assert OLD_RULES in listing
    assert editor_client.get(f"{LIST}{old.pk}/change/").status_code == 200
    assert editor_client.get(LIST + f"?rules_version={OLD_RULES}").status_code == 200

    response = editor_client.post(LIST, {"action": "export_csv", "_selected_action": [old.pk]})
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["symptoms"] == "breathing_difficulty|fever_or_very_unwell"
    assert (row["age"], row["emergency"], row["rules_version"]) == ("", "", OLD_RULES)

    stats = editor_client.get(STATS)
    symptoms = dict(stats.context["choices"]["Do you also have any of these?"])
    assert symptoms["Struggling to breathe (no longer asked)"] == 1
    assert "A fit (seizure) (no longer asked)" not in symptoms  # never chosen: not listed
    emergencies = dict(stats.context["choices"][
        "Is any of these happening now, or did it start in the last few hours?"
    ])  # fmt: skip
    assert emergencies["Struggling to breathe"] == 0  # the new question's count is its own
    shares = {level: count for level, count, _ in stats.context["shares"]}
    assert shares[CareLevel.EMERGENCY] == 1


def test_statistics_give_each_rules_version_its_results_with_under_5s_on_their_own(
    editor_client, checks
):
    store({"age": "under_5", "emergency": ["none"]}, "f" * 32)
    store({"age": "16_or_over", "emergency": ["stroke_signs"]}, "9" * 32)
    store_old(days_ago=3)
    response = editor_client.get(STATS)
    rows = {row.version: row for row in response.context["versions"]}
    assert list(rows) == [RULES_VERSION, OLD_RULES]  # newest first, as the changelog
    current = rows[RULES_VERSION]
    results = {label: count for label, count, _ in current.results}
    assert current.checks == 5
    assert results == {"Self-care": 1, "See a GP": 1, "Urgent": 0, "Emergency": 2,
                       "Under 5 (not assessed)": 1}  # fmt: skip
    # The stroke signs and the child under 5 ended at step 1; the fit came in one post
    # with the twitching answers too, so it did not.
    assert current.ended_at_step_one == 2
    assert [share for _, _, share in current.results] == [20, 20, 0, 40, 20]
    old = rows[OLD_RULES]
    assert (old.checks, old.ended_at_step_one) == (1, 0)
    page = response.content.decode()
    assert "Results by rules version" in page and "Under 5 (not assessed)" in page


def test_statistics_count_safety_concerns_per_rules_version(editor_client):
    for key, category in (("1", "wrong_advice"), ("2", "wrong_advice"), ("3", "something_missing")):
        concern_create(category=category, level="routine", rules_version=RULES_VERSION,
                       form_key=key * 32)  # fmt: skip
    concern_create(category="confusing_question", level="urgent", rules_version=OLD_RULES,
                   form_key="4" * 32)  # fmt: skip
    rows = {row.version: row for row in editor_client.get(STATS).context["versions"]}
    assert rows[RULES_VERSION].concerns == [2, 0, 1]
    assert rows[OLD_RULES].concerns == [0, 1, 0]
    assert rows[RULES_VERSION].checks == 0  # a version with reports but no checks is listed


def test_safety_concerns_are_listed_read_only_for_staff(editor_client, client):
    concern_create(category="wrong_advice", level="emergency", rules_version=RULES_VERSION,
                   form_key="5" * 32)  # fmt: skip
    listing = editor_client.get("/admin/triage/safetyconcern/")
    assert listing.status_code == 200
    assert "The advice seems wrong" in listing.content.decode()
    assert editor_client.get("/admin/triage/safetyconcern/add/").status_code == 403
    assert client.get("/admin/triage/safetyconcern/").status_code == 302
