"""Metrics for Prometheus, and log lines an operator can follow back to one request."""

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError

from ops.logs import JsonFormatter, RequestIdFilter
from support.triage_forms import VALID, post
from triage.models import Submission

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def sample(body: str, name: str, **labels: str) -> float:
    """A sample's value in Prometheus' text format (0 when it is not there)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in body.splitlines():
        if line.startswith(f"{name}{{{wanted}}} "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_by_view_and_status_and_time_them(client):
    before = sample(client.get("/metrics").content.decode(), "twitch_requests_total",
                    status="200", view="articles:home")  # fmt: skip
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200  # the second from the page cache
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    body = response.content.decode()
    assert sample(body, "twitch_requests_total", status="200", view="articles:home") == before + 2
    assert sample(body, "twitch_request_duration_seconds_count", view="articles:home") >= 2
    assert 'view="none"' not in body or "/articles/" not in body  # views, never paths


def test_metrics_count_a_check_not_stored_and_a_limit_refusal(client, monkeypatch, settings, limit):
    def full(*args, **kwargs):
        raise OperationalError("database or disk is full")

    def counts() -> tuple[float, float]:
        body = client.get("/metrics").content.decode()
        return (
            sample(body, "twitch_checks_total", reason="full", stored="no"),
            sample(body, "twitch_rate_limit_refusals_total", scope="triage"),
        )

    before = counts()
    monkeypatch.setattr(Submission, "save", full)
    post(client, VALID)
    limit("triage", 0)
    assert post(client, VALID).status_code == 429
    assert counts() == (before[0] + 1, before[1] + 1)


def test_metrics_are_served_to_loopback_only_without_a_token(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 403
    # Through a proxy on this machine, the client is the one it forwards for.
    forwarded = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert forwarded.status_code == 403
    assert client.get("/metrics").status_code == 200


def test_metrics_need_the_bearer_token_when_one_is_set(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-the-scraper"
    assert client.get("/metrics").status_code == 403  # loopback is not enough then
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope", REMOTE_ADDR="203.0.113.7")
    assert wrong.status_code == 403
    right = client.get(
        "/metrics",
        HTTP_AUTHORIZATION="Bearer s3cret-token-for-the-scraper",
        REMOTE_ADDR="203.0.113.7",
    )
    assert right.status_code == 200


def test_each_response_has_a_request_id_and_keeps_one_nginx_sent(client):
    first, second = client.get("/healthz")["X-Request-ID"], client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second
    sent = "0123456789abcdef0123456789abcdef"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent
    # Anything else from outside is not echoed into our logs.
    assert client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


@pytest.fixture
def site_log(settings):
    """The site's own log handler, as configured, on a string."""
    import io

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["text"]["format"]))
    logger = logging.getLogger("twitch.faults")
    logger.addHandler(handler)
    yield handler, stream
    logger.removeHandler(handler)


def test_a_log_line_has_time_level_logger_and_the_request_id_of_its_response(
    client, monkeypatch, site_log
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Submission, "save", locked)
    response = post(client, VALID, HTTP_USER_AGENT="Secret/1.0", REMOTE_ADDR="198.51.100.4")
    line = site_log[1].getvalue().strip()
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING twitch\.faults \[[0-9a-f]{32}\] "
        r"symptom check storage failed, carrying on without it: "
        r"OperationalError: database is locked \(0 more since the last line\)",
        line,
    ), line
    assert f"[{response['X-Request-ID']}]" in line
    assert "198.51.100.4" not in line and "Secret" not in line and "shoulder" not in line


def test_json_log_lines_hold_the_same_fields(client, monkeypatch, site_log):
    site_log[0].setFormatter(JsonFormatter())
    monkeypatch.setattr(Submission, "save", lambda *a, **k: (_ for _ in ()).throw(
        OperationalError("database is locked")))  # fmt: skip
    response = post(client, VALID)
    line = json.loads(site_log[1].getvalue().strip())
    assert set(line) == {"time", "level", "logger", "request_id", "message"}
    assert (line["level"], line["logger"]) == ("WARNING", "twitch.faults")
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.parametrize(("setting", "pragma"), [(None, 1), ("FULL", 2), ("normal", 1)])
def test_sqlite_durability_follows_its_setting(setting, pragma, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    if setting:
        env["SQLITE_SYNCHRONOUS"] = setting
    code = "from django.db import connection; c = connection.cursor(); " \
           "print(c.execute('PRAGMA synchronous').fetchone()[0])"  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert result.stdout.split()[-1] == str(pragma)
