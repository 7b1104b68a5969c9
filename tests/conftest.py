import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from hypothesis import settings

from articles import services
from articles.models import Article
from core.faults import PARTS
from support.browser_forms import post_forms_url_encoded
from support.clinical_cases import RESULTS, summary
from support.fuzz_report import print_slowest

post_forms_url_encoded()

# Hypothesis: a few hundred examples in `make test`, many thousands in `make fuzz`.
settings.register_profile("default", max_examples=100)
settings.register_profile("fuzz", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the shipped articles loaded as `make run` loads them."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # Plain static files (no collectstatic needed) and a fast password hasher.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for cache in caches.all():
        cache.clear()  # rate-limit counters and cached pages start afresh in every test
    for part in PARTS:
        part.forget()  # a cache broken on purpose in one test is not paused in the next


@pytest.fixture
def limit(settings):
    """Set a scope's limit for one test: limit("triage", 3)."""

    def set_limit(scope: str, hits: int, window: int | None = None) -> None:
        window = window or settings.RATE_LIMITS[scope]["window"]
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: {"limit": hits, "window": window}}

    return set_limit


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="a-long-test-password"
    )


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def writer(db):
    """A staff editor who may change articles but not sign them off clinically."""
    user = get_user_model().objects.create_user(
        username="writer", password="a-long-test-password", is_staff=True
    )
    codenames = ["view_article", "add_article", "change_article", "delete_article"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def writer_client(writer) -> Client:
    client = Client()
    client.force_login(writer)
    return client


@pytest.fixture
def make_article(db):
    def make(**fields) -> Article:
        defaults = {
            "title": "A test article",
            "slug": "a-test-article",
            "kind": Article.Kind.SYMPTOM,
            "summary": "A summary.",
            "body": "Some text.",
            "status": Article.Status.PUBLISHED,
            "last_reviewed": "2026-01-01",
            "next_review_due": "2029-01-01",
        }
        article = Article(**(defaults | fields))
        services.article_save(article=article, user=None)  # as load_content saves
        return Article.objects.get(pk=article.pk)

    return make


def pytest_terminal_summary(terminalreporter, config):
    results = config.stash.get(RESULTS, None)
    if results:
        terminalreporter.write_line(summary(results))
    print_slowest(terminalreporter, config)
