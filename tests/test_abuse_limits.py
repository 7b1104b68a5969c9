"""Limits on abuse: form posts per client, a honeypot, password guessing, request size."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import clear_url_caches

import ops.ratelimit
from ops.models import RateLimitCount
from support.pages import text_of
from support.triage_forms import STEP_ONE, VALID, form_key, post
from triage.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def one_window(monkeypatch):
    """Hold the clock inside one window: a test crossing a minute boundary would reset its count."""
    monkeypatch.setattr(ops.ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


def test_triage_posts_past_the_limit_get_a_friendly_429(client, settings, limit):
    limit("triage", 3)
    key = form_key(client)
    for _ in range(3):
        assert post(client, VALID, key=key).status_code == 200
    response = post(client, VALID, key=key)
    assert response.status_code == 429
    assert "Too many attempts" in text_of(response.content.decode())
    other = Client(REMOTE_ADDR="192.0.2.99")  # another client is not limited
    assert post(other, VALID).status_code == 200


def test_only_posts_that_store_a_check_count_against_the_limit(client, settings, limit):
    limit("triage", 2)
    key = form_key(client)
    for _ in range(5):  # going on to step 2, mistakes, changing answers: nothing stored
        assert post(client, STEP_ONE, key=key, step=1).status_code == 200
        assert post(client, {}, key=key, step=1).status_code == 200
        assert post(client, VALID | {"change": "2"}, key=key).status_code == 200
    assert not Submission.objects.exists()
    stored = [post(client, VALID, key=key, step=2).status_code for _ in range(2)]
    exits = post(client, {"age": "under_5", "emergency": ["none"]}, key=key, step=1)
    assert (stored, exits.status_code) == ([200, 200], 429)


def test_the_rate_limit_keeps_no_client_address_in_its_store(client, settings, limit):
    limit("triage", 3)
    post(Client(REMOTE_ADDR="203.0.113.5"), VALID)
    if settings.REDIS_URL:
        keys = [key for key in cache_keys() if "ratelimit:triage:" in key]
    else:
        keys = list(RateLimitCount.objects.values_list("key", flat=True))
    assert len(keys) == 1
    assert "203.0.113.5" not in keys[0]


def cache_keys() -> list[str]:
    """Every key in the cache, looking inside the backend in use (locmem or Redis)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
        return list(cache._cache)
    client = cache._cache.get_client(None)
    return [key.decode() for key in client.keys("*")]


def test_reading_pages_is_not_limited(client, settings, limit):
    limit("triage", 1)
    for _ in range(5):
        assert client.get("/triage/").status_code == 200


def test_a_filled_honeypot_stores_nothing_but_looks_the_same(client):
    response = post(client, VALID | {"website": "http://spam.example"})
    assert response.status_code == 200
    assert "Your result" in text_of(response.content.decode())
    assert Submission.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_keyboards(client):
    html = client.get("/triage/").content.decode()
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website" type="text" tabindex="-1" autocomplete="off"' in html


def test_admin_password_guessing_is_limited(editor, settings, limit):
    limit("login-client", 3)
    client = Client()
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    blocked = client.post(
        "/admin/login/", {"username": "editor", "password": "a-long-test-password"}
    )
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works_under_the_limit(editor):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_admin_can_move_to_another_url(editor_client, settings):
    import importlib

    import twitchsite.urls

    settings.ADMIN_URL = "staff-area/"
    try:
        importlib.reload(twitchsite.urls)
        clear_url_caches()
        with override_settings(ROOT_URLCONF="twitchsite.urls"):
            assert editor_client.get("/staff-area/").status_code == 200
            assert editor_client.get("/admin/").status_code == 404
    finally:
        settings.ADMIN_URL = "admin/"
        importlib.reload(twitchsite.urls)
        clear_url_caches()


def test_a_huge_body_gets_400_not_a_crash(client):
    response = client.post("/triage/", {"form_key": "0" * 32, "website": "x" * 600_000})
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_behind_a_local_proxy_each_client_is_limited_on_its_own(settings, limit):
    limit("triage", 2)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    alice = Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    bob = Client(HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert [post(alice, VALID).status_code for _ in range(3)] == [200, 200, 429]
    assert post(bob, VALID).status_code == 200


def test_a_remote_client_cannot_dodge_the_limit_with_a_forged_header(settings, limit):
    limit("triage", 2)
    statuses = [
        post(
            Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"), VALID
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
