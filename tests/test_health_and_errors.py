"""The health check, wrong methods, unknown paths, and a database that is down."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from support.pages import text_of

pytestmark = pytest.mark.django_db


def database_down():
    return mock.patch.object(
        CursorWrapper, "execute", side_effect=OperationalError("could not connect")
    )


def test_healthz_says_the_process_serves_even_while_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "<html" not in response.content.decode()


def test_readyz_reports_the_database_the_cache_and_the_disk(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    report = response.json()
    assert report["database"]["read"] == "ok"
    assert report["cache"] == {"status": "ok"}
    assert report["disk"]["status"] == "ok" and report["disk"]["free_mb"] > 0


def test_readyz_answers_503_only_when_the_database_cannot_be_read(client):
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == {"read": "unavailable", "error": "OperationalError"}


def test_readyz_calls_a_low_disk_degraded_but_ready(client, settings):
    settings.READYZ_MIN_FREE_MB = 10**12
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["disk"]["status"] == "degraded"


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/multiple-sclerosis/"])
def test_pages_show_a_friendly_503_while_the_database_is_down_and_recover(client, url):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    text = text_of(response.content.decode())
    assert "Sorry, the service is unavailable" in text and "Traceback" not in text
    assert client.get(url).status_code == 200  # back by itself


def test_every_url_answers_wrong_methods_with_405(client):
    urls = ["/", "/articles/", "/articles/multiple-sclerosis/", "/privacy/", "/healthz", "/readyz"]
    for url in urls:
        for method in ("post", "put", "patch", "delete"):
            assert getattr(client, method)(url).status_code == 405, (method, url)
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)("/triage/").status_code == 405


@pytest.mark.parametrize(
    "url",
    ["/articles/no-such-article/", "/nope", "/articles/x/y/", "/triage/extra/", "/%00", "/.env"],
)
def test_unknown_paths_get_the_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    text = text_of(response.content.decode())
    assert "Page not found" in text and "health A to Z" in text
