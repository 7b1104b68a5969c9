"""An article's old address keeps working after its slug changes."""

import pytest
from django.test import Client

from articles import services
from articles.models import Article, SlugRedirect
from support.admin_forms import article_form_data

pytestmark = pytest.mark.django_db


def test_a_renamed_article_redirects_permanently_from_its_old_address(editor_client):
    article = Article.objects.get(slug="twitching-in-the-stomach")
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        article_form_data(article, slug="stomach-twitching"),
    )
    assert response.status_code == 302

    old = Client().get("/articles/twitching-in-the-stomach/")
    assert old.status_code == 301
    assert old["Location"] == "/articles/stomach-twitching/"
    assert Client().get("/articles/stomach-twitching/").status_code == 200


def test_a_slug_changed_twice_sends_both_old_addresses_to_the_newest(make_article):
    article = make_article(slug="first")
    for slug in ("second", "third"):
        article.slug = slug
        services.article_save(article=article, user=None)
    for old in ("first", "second"):
        response = Client().get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/third/"


def test_an_old_slug_taken_by_a_new_article_shows_the_new_article(make_article):
    moved = make_article(slug="old-name", title="Moved")
    moved.slug = "new-name"
    services.article_save(article=moved, user=None)
    make_article(slug="old-name", title="A different article")

    response = Client().get("/articles/old-name/")
    assert response.status_code == 200
    assert "A different article" in response.content.decode()
    assert not SlugRedirect.objects.filter(old_slug="old-name").exists()


def test_moving_an_article_back_to_its_old_slug_does_not_redirect_to_itself(make_article):
    article = make_article(slug="here")
    article.slug = "there"
    services.article_save(article=article, user=None)
    article.slug = "here"
    services.article_save(article=article, user=None)
    assert Client().get("/articles/here/").status_code == 200
    assert Client().get("/articles/there/")["Location"] == "/articles/here/"


def test_the_old_address_of_a_draft_does_not_reveal_it(make_article):
    article = make_article(slug="secret-old", status=Article.Status.DRAFT)
    article.slug = "secret-new"
    services.article_save(article=article, user=None)
    assert Client().get("/articles/secret-old/").status_code == 404


def test_pages_linking_to_a_renamed_article_link_to_its_new_address(make_article):
    target = make_article(slug="target", title="Target")
    make_article(slug="source", title="Source", body="See [[target]].")
    target.slug = "target-moved"
    services.article_save(article=target, user=None)
    html = Client().get("/articles/source/").content.decode()
    assert 'href="/articles/target-moved/"' in html
