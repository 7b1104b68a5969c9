"""The cache and storing a check are optional: when they fail, readers still get every
page and their advice, editors' saves commit, and the cause is logged and counted."""

import logging

import pytest
from django.db import IntegrityError, OperationalError
from prometheus_client import REGISTRY

from articles import services
from articles.models import Article
from support.pages import text_of
from support.services import free_port
from support.triage_forms import VALID, post
from triage.models import Submission

pytestmark = pytest.mark.django_db


def errors_of(part: str, error: str) -> float:
    labels = {"part": part, "error": error}
    return REGISTRY.get_sample_value("twitch_part_errors_total", labels) or 0.0


def checks(stored: str, reason: str) -> float:
    labels = {"stored": stored, "reason": reason}
    return REGISTRY.get_sample_value("twitch_checks_total", labels) or 0.0


@pytest.fixture
def cache_unreachable(settings):
    """Both caches on a Redis that is not there: every call is refused."""
    location = f"redis://127.0.0.1:{free_port()}/0"
    settings.REDIS_URL = location  # the limits' store too
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": settings.REDIS_OPTIONS,
            **({"KEY_PREFIX": "pages"} if alias == "pages" else {}),
        }
        for alias in ("default", "pages")
    }


def test_pages_answer_while_the_cache_is_unreachable_and_the_cause_is_logged_once(
    client, cache_unreachable, caplog
):
    before = errors_of("page cache", "ConnectionError")
    with caplog.at_level(logging.WARNING, logger="twitch.faults"):
        for url in ["/", "/articles/", "/articles/multiple-sclerosis/", "/search/?q=twitch"]:
            response = client.get(url)
            assert response.status_code == 200, url
    lines = [r.getMessage() for r in caplog.records if r.name == "twitch.faults"]
    assert len(lines) == 1  # once a minute, not once a request
    assert lines[0].startswith("page cache failed, carrying on without it: ConnectionError")
    assert errors_of("page cache", "ConnectionError") > before


def test_a_check_gets_its_outcome_and_is_stored_while_the_cache_is_unreachable(
    client, cache_unreachable, settings, limit
):
    limit("triage", 1)
    before = errors_of("rate-limit store", "ConnectionError")
    for _ in range(3):  # past the limit of one: a limit that cannot count lets it through
        response = post(client, VALID)
        assert response.status_code == 200
        assert 'data-level="self_care"' in response.content.decode()
    assert Submission.objects.count() == 3
    assert errors_of("rate-limit store", "ConnectionError") > before


def test_an_editors_save_commits_while_the_cache_is_unreachable(
    editor, make_article, cache_unreachable
):
    article = make_article(slug="kept-while-the-cache-is-down", body="The first text.")
    article.body = "The second text."
    services.article_save(article=article, user=editor)
    assert "The second text." in Article.objects.get(pk=article.pk).body_html


def test_the_outcome_is_shown_and_says_the_answers_were_not_saved_when_storing_fails(
    client, monkeypatch, caplog
):
    def disk_full(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(Submission, "save", disk_full)
    before = checks("no", "full")
    with caplog.at_level(logging.WARNING, logger="twitch.faults"):
        response = post(client, VALID)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-level="self_care"' in page
    assert "We could not save your answers this time" in text_of(page)
    assert not Submission.objects.exists()
    assert "OperationalError: database or disk is full" in caplog.text
    assert checks("no", "full") == before + 1


def test_a_stored_check_does_not_say_it_was_not_saved(client):
    before = checks("yes", "new")
    response = post(client, VALID)
    assert "We could not save" not in response.content.decode()
    assert Submission.objects.count() == 1
    assert checks("yes", "new") == before + 1


def test_readyz_calls_a_lost_cache_degraded_and_stays_ready(client, cache_unreachable):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["cache"] == {"status": "degraded", "error": "ConnectionError"}


def test_a_logged_database_error_leaves_out_the_row_it_quotes(client, monkeypatch, caplog):
    def refused(*args, **kwargs):
        raise IntegrityError(
            'new row for relation "triage_submission" violates check constraint "level"\n'
            'DETAIL:  Failing row contains (1, {"location": ["shoulder"]}, urgent).'
        )

    monkeypatch.setattr(Submission, "save", refused)
    with caplog.at_level(logging.WARNING, logger="twitch.faults"):
        response = post(client, VALID)
    assert response.status_code == 200
    assert "violates check constraint" in caplog.text
    assert "shoulder" not in caplog.text and "Failing row" not in caplog.text
