"""A stored check holds the answers and the outcome, and nothing that could identify a person."""

import json
from datetime import UTC, datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from support.pages import text_of
from support.triage_forms import VALID, post
from triage.models import Submission

pytestmark = pytest.mark.django_db

IDENTIFYING = {
    "REMOTE_ADDR": "203.0.113.77",
    "HTTP_X_FORWARDED_FOR": "198.51.100.23",
    "HTTP_USER_AGENT": "UniqueAgent/9.9 (Ada's phone)",
    "HTTP_REFERER": "https://search.example/?q=als+symptoms+ada",
    "HTTP_COOKIE": "tracking=abc123",
}


def test_the_stored_row_holds_only_answers_outcome_version_key_and_hour(client):
    post(client, VALID | {"symptoms": ["weakness"]}, **IDENTIFYING)
    submission = Submission.objects.get()
    columns = {f.column for f in Submission._meta.concrete_fields}
    assert columns == {
        "id", "answers", "answers_digest", "level", "reason_codes", "rules_version", "form_key",
        "created_hour",
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Submission._meta.db_table}")  # noqa: S608
        row = json.dumps(cursor.fetchall(), default=str)
    for value in ("203.0.113", "198.51.100", "UniqueAgent", "Ada", "search.example", "abc123"):
        assert value not in row
    assert submission.answers == {
        "age": "16_or_over",
        "emergency": ["none"],
        "location": ["shoulder"],
        "duration": "under_2_weeks",
        "frequency": "now_and_then",
        "triggers": ["caffeine"],
        "symptoms": ["weakness"],
    }
    assert submission.reason_codes == ["symptom_weakness"]


def test_the_time_is_kept_only_to_the_hour(client):
    post(client, VALID)
    created = Submission.objects.get().created_hour
    assert (created.minute, created.second, created.microsecond) == (0, 0, 0)
    assert abs(datetime.now(UTC) - created).total_seconds() < 2 * 3600


def test_checking_symptoms_sets_no_session_cookie(client):
    response = post(client, VALID)
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_the_privacy_page_says_what_each_server_log_keeps(client):
    text = text_of(client.get("/privacy/").content.decode())
    for log in ("The request log", "The site's error log", "The front server's error log"):
        assert log in text
    assert "without anything after a question mark" in text
    assert "No log keeps your answers, your browser or device, or the page you came from" in text


def test_the_privacy_page_says_what_page_feedback_keeps(client):
    text = text_of(client.get("/privacy/").content.decode())
    assert "If you tell us whether a page helped" in text
    assert "the article and the version of it you read" in text
