"""Editors see which articles link to one, and are warned before they break those links."""

import pytest
from django.test import Client

from admin_forms import article_form_data
from articles.models import Article
from pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(make_article):
    target = make_article(slug="target", title="Target")
    make_article(slug="source", title="Linking source", body="See [[target]].")
    return target


def test_the_change_page_lists_the_articles_that_link_here(editor_client, linked):
    page = text_of(
        editor_client.get(f"/admin/articles/article/{linked.pk}/change/").content.decode()
    )
    assert "Articles that link here" in page
    assert "Linking source" in page


def test_unpublishing_a_linked_article_warns_and_names_the_linking_articles(editor_client, linked):
    url = f"/admin/articles/article/{linked.pk}/change/"
    response = editor_client.post(url, article_form_data(linked, status="draft"))
    assert response.status_code == 200
    assert "These published articles link here: “Linking source”" in response.content.decode()
    assert Article.objects.get(pk=linked.pk).is_published

    confirmed = editor_client.post(
        url, article_form_data(linked, status="draft", confirm_unpublish="on")
    )
    assert confirmed.status_code == 302
    assert not Article.objects.get(pk=linked.pk).is_published
    source = Client().get("/articles/source/").content.decode()
    assert 'href="/articles/target/"' not in source  # the link is plain text now


def test_deleting_a_linked_article_warns_and_names_the_linking_articles(editor_client, linked):
    page = editor_client.get(f"/admin/articles/article/{linked.pk}/delete/").content.decode()
    assert "Warning: 1 published article links to this one" in text_of(page)
    assert "Linking source" in text_of(page)


def test_deleting_several_warns_about_links_from_articles_that_stay(editor_client, linked):
    source = Article.objects.get(slug="source")
    page = editor_client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [linked.pk]},
    ).content.decode()
    assert "“Target” is linked from" in text_of(page)

    both = editor_client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [linked.pk, source.pk]},
    ).content.decode()
    assert "is linked from" not in text_of(both)  # the linking article goes too


def test_after_a_delete_the_linking_page_shows_plain_text_not_a_dead_link(linked):
    linked.delete()
    source = Client().get("/articles/source/").content.decode()
    assert 'href="/articles/target/"' not in source
    assert Client().get("/articles/source/").status_code == 200
