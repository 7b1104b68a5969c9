"""A draft is hidden from the public; staff can preview it, clearly marked."""

import pytest

from articles.models import Article
from support.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_article):
    return make_article(
        title="Twitching in the eyelid", slug="twitching-in-the-eyelid", status="draft"
    )


def test_a_draft_is_not_found_by_the_public(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_draft_is_not_listed_anywhere_public(client, draft):
    for url in ("/", "/articles/"):
        assert draft.title not in client.get(url).content.decode()


def test_staff_preview_a_draft_with_a_draft_banner(editor_client, draft):
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Draft. This page is not published. Only staff can see this preview." in text
    assert "<title>Draft: Twitching in the eyelid" in response.content.decode()


def test_a_logged_in_user_who_is_not_staff_cannot_see_a_draft(client, draft, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x-long-password")
    client.force_login(user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_published_pages_have_no_draft_banner(client):
    article = Article.objects.published().first()
    assert "draft-banner" not in client.get(article.get_absolute_url()).content.decode()


def test_a_published_article_does_not_show_a_related_draft_to_the_public(client, draft):
    article = Article.objects.get(slug="multiple-sclerosis")
    article.related.add(draft)
    assert draft.title not in client.get(article.get_absolute_url()).content.decode()
