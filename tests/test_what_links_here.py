"""Editors see which articles link to one, and are warned before they break those links."""

import pytest
from django.test import Client

from articles import services
from articles.models import Article
from support.admin_forms import article_form_data
from support.pages import text_of
from triage import rules

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
    assert "What links here" in page
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
    services.article_delete(article=linked, user=None)
    source = Client().get("/articles/source/").content.decode()
    assert 'href="/articles/target/"' not in source
    assert Client().get("/articles/source/").status_code == 200


# The symptom check links to some articles by slug (triage.rules.ARTICLE_LINKS): editors
# see it under "What links here", and are warned before they break those links.


@pytest.fixture
def checked_article(db):
    article = Article.objects.get(slug=rules.MS)
    assert rules.MS in rules.ARTICLES
    return article


def test_what_links_here_lists_the_symptom_check(editor_client, checked_article):
    url = f"/admin/articles/article/{checked_article.pk}/change/"
    page = text_of(editor_client.get(url).content.decode())
    assert "What links here" in page
    assert "The symptom check (links to it among its results)" in page
    assert "The symptom check links to this article (see its rules)" in page


def test_an_article_the_symptom_check_does_not_link_to_says_nothing_of_it(editor_client, linked):
    url = f"/admin/articles/article/{linked.pk}/change/"
    assert "The symptom check" not in text_of(editor_client.get(url).content.decode())


def test_renaming_an_article_the_symptom_check_links_to_warns(editor_client, checked_article):
    url = f"/admin/articles/article/{checked_article.pk}/change/"
    response = editor_client.post(
        url, article_form_data(checked_article, slug="ms-renamed"), follow=True
    )
    page = text_of(response.content.decode())
    assert "The symptom check links to this article by its old address “multiple-sclerosis”" in page
    assert "change the link to “ms-renamed”" in page
    # The check still finds it through the redirect.
    assert Article.objects.published().by_slug([rules.MS])[rules.MS].slug == "ms-renamed"


def test_unpublishing_an_article_the_symptom_check_links_to_needs_confirming(
    editor_client, checked_article
):
    url = f"/admin/articles/article/{checked_article.pk}/change/"
    response = editor_client.post(url, article_form_data(checked_article, status="draft"))
    assert response.status_code == 200
    assert "The symptom check links to this article." in text_of(response.content.decode())
    assert Article.objects.get(pk=checked_article.pk).is_published

    data = article_form_data(checked_article, status="draft", confirm_unpublish="on")
    assert editor_client.post(url, data).status_code == 302
    assert not Article.objects.get(pk=checked_article.pk).is_published


def test_deleting_an_article_the_symptom_check_links_to_warns(editor_client, checked_article):
    page = editor_client.get(f"/admin/articles/article/{checked_article.pk}/delete/")
    assert "Warning: the symptom check links to this article" in text_of(page.content.decode())
    several = editor_client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [checked_article.pk]},
    )
    assert "the symptom check links to “Multiple sclerosis (MS)”" in text_of(
        several.content.decode()
    )
