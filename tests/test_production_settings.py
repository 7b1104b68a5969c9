"""Production mode: `check --deploy` is clean, and the site refuses to start unsafely."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3J9-qL2x_Vb8nR4tY6uI0oP1aS5dF7gH9jK2lZ4xC6vB8nM0qW3eR5tY7uI9oP_"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_no_issues_in_production_mode_but_the_symptom_checks_own():
    result = manage(
        "check", "--deploy",
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="twitch.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    ids = set(re.findall(r"\((\w+\.[EW]\d{3})\)", result.stdout + result.stderr))
    # triage.W002: this rules version awaits a Clinical Safety Officer's approval.
    assert ids == {"triage.W002"}, result.stdout + result.stderr
    assert "triage.W002" in ids


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "twitch.example.org"}, "DJANGO_SECRET_KEY is missing or weak"),
        (
            {"DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "twitch.example.org"},
            "DJANGO_SECRET_KEY is missing or weak",
        ),
        (
            {"DJANGO_SECRET_KEY": "a" * 60, "DJANGO_ALLOWED_HOSTS": "twitch.example.org"},
            "DJANGO_SECRET_KEY is missing or weak",
        ),
        ({"DJANGO_SECRET_KEY": STRONG_KEY}, "DJANGO_ALLOWED_HOSTS is empty"),
    ],
    ids=["no-key", "short-key", "repetitive-key", "no-hosts"],
)
def test_production_refuses_to_start_without_safe_settings(env, message):
    result = manage("check", DJANGO_DEBUG="0", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_sends_hsts_for_a_year_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )
    result = manage(
        "shell", "--no-imports", "-c", code,
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="twitch.example.org",
    )  # fmt: skip
    assert result.stdout.split() == ["31536000", "True", "True", "True", "Lax"]


@pytest.mark.parametrize(
    ("env", "required"),
    [
        ({"DJANGO_DEBUG": "0"}, "True"),
        ({"DJANGO_DEBUG": "0", "DJANGO_REQUIRE_MFA": "0"}, "False"),
        ({"DJANGO_DEBUG": "1"}, "False"),
    ],
)
def test_production_requires_a_second_factor_for_staff_unless_told_not_to(env, required):
    production = {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "twitch.example.org"}
    code = "from django.conf import settings; print(settings.REQUIRE_MFA)"
    result = manage("shell", "-c", code, **production, **env)
    assert result.stdout.strip().splitlines()[-1] == required, result.stderr
