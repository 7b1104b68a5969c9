"""Staff see checks read-only, with statistics and a CSV export; nobody else sees them."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from triage.engine import assess
from triage.models import Submission
from triage.rules import CareLevel
from triage.services import submission_create, to_the_hour
from triage_forms import VALID

pytestmark = pytest.mark.django_db

LIST = "/admin/triage/submission/"
STATS = "/admin/triage/submission/statistics/"


def store(answers: dict, key: str, days_ago: int = 0) -> Submission:
    submission, _ = submission_create(answers=answers, assessment=assess(answers), form_key=key)
    submission.created_hour = to_the_hour(timezone.now() - timedelta(days=days_ago))
    submission.save()
    return submission


@pytest.fixture
def checks():
    return [
        store(VALID, "a" * 32),
        store(VALID | {"symptoms": ["seizure"], "location": ["face", "eyelid"]}, "b" * 32, 8),
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
    assert '<svg role="img"' in html and "<table>" in html
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
    assert "1 checks are older than 365 days (dry run)" in out.getvalue()
    assert Submission.objects.count() == 3
    call_command("purge_submissions", stdout=io.StringIO())
    assert Submission.objects.count() == 2
    assert not Submission.objects.filter(pk=checks[2].pk).exists()
