"""Staff passwords are long, and a staff session ends after 30 idle minutes or 12 hours."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(ADMIN).status_code == 200
    return client


def later(minutes: float):
    """The clock `minutes` from now, for the session store and the middleware."""
    now, wall = timezone.now(), time.time()
    return mock.patch.multiple(
        "django.contrib.sessions.backends.db.timezone",
        now=lambda: now + timedelta(minutes=minutes),
    ), mock.patch("ops.middleware.time.time", lambda: wall + minutes * 60)


def get_at(client: Client, minutes: float):
    store, clock = later(minutes)
    with store, clock:
        return client.get(ADMIN)


@pytest.mark.parametrize("password", ["short-pass1", "password1234", "qwertyuiop12"])
def test_a_staff_password_needs_12_characters_and_not_a_common_one(password):
    with pytest.raises(ValidationError):
        validate_password(password)
    validate_password("correct horse battery staple")


def test_a_staff_session_ends_after_30_minutes_without_a_request(editor):
    client = signed_in(editor)
    assert get_at(client, 31).status_code == 302  # to the login page


def test_a_request_within_30_minutes_keeps_the_session_going(editor):
    client = signed_in(editor)
    assert get_at(client, 20).status_code == 200
    assert get_at(client, 40).status_code == 200  # 20 minutes after the last request


def test_a_staff_session_ends_12_hours_after_signing_in_however_busy(editor):
    client = signed_in(editor)
    for minutes in range(25, 12 * 60, 25):
        assert get_at(client, minutes).status_code == 200, minutes
    assert get_at(client, 12 * 60 + 1).status_code == 302


def test_a_reader_gets_no_session_cookie(client):
    response = client.get("/articles/multiple-sclerosis/")
    assert "sessionid" not in response.cookies
