"""Every write to an article goes through articles/services.py, which checks the acting
user's rights itself and, when it refuses, leaves the article as it was."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from articles import services
from articles.models import Article, PendingChange, SlugRedirect

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(db):
    user = get_user_model().objects.create_user(username="viewer", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_article"))
    return user


def test_one_save_publishes_redirects_and_renders_the_pages_linking_here(make_article, editor):
    target = make_article(slug="target", title="Target", status=Article.Status.DRAFT)
    source = make_article(
        slug="source", title="Source", body="See [[target]].", status=Article.Status.DRAFT
    )
    target.status = Article.Status.PUBLISHED
    target.slug, target.title = "target-moved", "Target, moved"
    services.article_save(article=target, user=editor)
    assert Client().get("/articles/target-moved/").status_code == 200
    assert Client().get("/articles/target/")["Location"] == "/articles/target-moved/"
    source.refresh_from_db()
    assert (
        'href="/articles/target-moved/" rel="noopener noreferrer">Target, moved</a>'
        in source.body_html
    )
    assert list(source.links_to.all()) == [target]


def test_a_writer_cannot_publish_and_the_article_is_left_as_it_was(make_article, writer):
    draft = make_article(slug="new", title="New", status=Article.Status.DRAFT)
    draft.status = Article.Status.PUBLISHED
    with pytest.raises(ValidationError, match="Only a clinical reviewer"):
        services.article_save(article=draft, user=writer)
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
    assert Client().get("/articles/new/").status_code == 404


def test_a_writer_cannot_change_a_published_article_directly(writer):
    article = Article.objects.get(slug="multiple-sclerosis")
    article.title = "Changed"
    with pytest.raises(ValidationError, match="pending draft"):
        services.article_save(article=article, user=writer)
    assert Article.objects.get(pk=article.pk).title == "Multiple sclerosis (MS)"


@pytest.mark.parametrize(
    "write",
    [
        lambda a, u: services.article_save(article=a, user=u),
        lambda a, u: services.article_delete(article=a, user=u),
        lambda a, u: services.article_sign_off(article=a, reviewer=u),
        lambda a, u: services.pending_change_save(article=a, fields={"title": "x"}, user=u),
        lambda a, u: services.pending_change_discard(article=a, user=u),
    ],
)
def test_a_view_only_user_can_write_nothing_whatever_the_caller(viewer, write):
    article = Article.objects.get(slug="multiple-sclerosis")
    with pytest.raises(PermissionDenied):
        write(article, viewer)
    assert Article.objects.filter(slug="multiple-sclerosis", title="Multiple sclerosis (MS)")
    assert not PendingChange.objects.exists()


def test_unpublishing_a_linked_article_needs_confirming(editor):
    article = Article.objects.get(slug="multiple-sclerosis")
    article.status = Article.Status.DRAFT
    with pytest.raises(ValidationError) as refused:
        services.article_save(article=article, user=editor)
    assert "confirm_unpublish" in refused.value.error_dict
    assert Article.objects.get(pk=article.pk).is_published
    services.article_save(article=article, user=editor, confirm_unpublish=True)
    assert not Article.objects.get(pk=article.pk).is_published


def test_an_invalid_save_changes_nothing_not_even_the_argument(make_article, editor):
    article = make_article(slug="valid", also_called="one, one")
    before = Article.objects.get(pk=article.pk)
    article.body = "See [[no-such-article]]."
    article.slug = "renamed"
    with pytest.raises(ValidationError, match="no-such-article"):
        services.article_save(article=article, user=editor)
    assert (article.also_called, article.body) == ("one", "See [[no-such-article]].")
    stored = Article.objects.get(pk=article.pk)
    assert (stored.slug, stored.body_html) == (before.slug, before.body_html)
    assert not SlugRedirect.objects.filter(old_slug="valid").exists()


def test_a_pending_change_that_no_longer_validates_leaves_the_article_as_it_was(editor):
    article = Article.objects.get(slug="multiple-sclerosis")
    services.pending_change_save(
        article=article, fields={"title": "New", "body": "See [[no-such-article]]."}, user=editor
    )
    with pytest.raises(ValidationError):
        services.pending_change_publish(article=article, reviewer=editor)
    assert article.title == "Multiple sclerosis (MS)"
    assert Article.objects.get(pk=article.pk).title == "Multiple sclerosis (MS)"
    assert PendingChange.objects.filter(article=article).exists()


def test_a_writer_cannot_publish_a_pending_change_or_sign_off(writer):
    article = Article.objects.get(slug="multiple-sclerosis")
    services.pending_change_save(article=article, fields={"title": "New"}, user=writer)
    with pytest.raises(PermissionDenied):
        services.pending_change_publish(article=article, reviewer=writer)
    with pytest.raises(PermissionDenied):
        services.article_sign_off(article=article, reviewer=writer)
    assert Article.objects.get(pk=article.pk).title == "Multiple sclerosis (MS)"


def test_deleting_renders_the_pages_that_linked_to_it_with_plain_text(make_article, editor):
    make_article(slug="target", title="Target")
    make_article(slug="source", title="Source", body="See [[target]].")
    services.article_delete(article=Article.objects.get(slug="target"), user=editor)
    html = Client().get("/articles/source/").content.decode()
    assert 'href="/articles/target/"' not in html
    assert '<span class="missing-link">target</span>' in html
