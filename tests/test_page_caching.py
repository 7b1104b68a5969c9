"""Public pages cost almost nothing to serve again: whole pages in the cache, cleared by any
edit; headers that let browsers and shared caches keep them briefly and revalidate them;
never for logged-in staff, pages with a form, or errors."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from articles import services
from articles.models import Article
from articles.views import HOME_ARTICLES_PER_KIND
from support.admin_forms import article_form_data
from support.pages import SLUGS, main_text
from support.triage_forms import VALID, post

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/multiple-sclerosis/"
PUBLIC_PAGES = ["/", "/articles/", ARTICLE]
ADMIN_CHANGE = "/admin/articles/article/{pk}/change/"


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("slug", SLUGS)
def test_an_article_page_makes_at_most_two_queries_then_none_from_the_cache(
    client, slug, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(2):
        first = client.get(f"/articles/{slug}/")
    with django_assert_num_queries(0):
        again = client.get(f"/articles/{slug}/")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content


# The home page: one query a kind; the A to Z: whether there are more than one page's
# worth, then the page.
@pytest.mark.parametrize(("url", "queries"), [("/", 3), ("/articles/", 2)])
def test_lists_make_a_fixed_number_of_queries_however_many_articles_then_none_from_the_cache(
    client, url, queries, make_article, django_assert_num_queries, settings
):
    for n in range(20):
        make_article(title=f"Article {n}", slug=f"article-{n}")
    with django_assert_num_queries(queries):
        first = client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content
    assert first.status_code == 200
    for n in range(20, 60):
        make_article(title=f"Article {n}", slug=f"article-{n}")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_may_be_kept_by_shared_caches_for_the_stated_time(client, url):
    for response in (client.get(url), client.get(url)):  # rendered, then from the cache
        assert response.status_code == 200
        assert cache_control(response) == {"public", f"max-age={settings.PAGE_MAX_AGE}"}
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert "Cookie" in response["Vary"]  # the page differs for logged-in staff
        assert not response.cookies


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_revisit_with_the_etag_gets_304_and_no_body(client, url, django_assert_num_queries):
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in cache_control(response)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_revisit_with_the_date_gets_304(client, url):
    last_modified = client.get(url)["Last-Modified"]
    response = client.get(url, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304


def test_a_revisit_with_an_old_etag_gets_the_page(client):
    response = client.get(ARTICLE, headers={"If-None-Match": '"an-old-version"'})
    assert response.status_code == 200
    assert response.content


def test_an_edit_in_the_admin_shows_on_the_page_at_once(editor_client):
    reader = Client()
    before = reader.get(ARTICLE)
    article = Article.objects.get(slug="multiple-sclerosis")
    body = article.body + "\n\nA sentence the editor just added.\n"
    response = editor_client.post(
        ADMIN_CHANGE.format(pk=article.pk), article_form_data(article, body=body)
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    after = reader.get(ARTICLE, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "A sentence the editor just added." in main_text(after.content.decode())
    assert after["ETag"] != before["ETag"]


def test_a_new_title_shows_on_the_lists_and_on_pages_that_link_to_it(client):
    linking = "/articles/amyotrophic-lateral-sclerosis/"  # [[multiple-sclerosis]]
    for url in ("/", "/articles/", linking):
        client.get(url)
    article = Article.objects.get(slug="multiple-sclerosis")
    article.title = "Multiple sclerosis, retitled"
    services.article_save(article=article, user=None)
    for url in ("/", "/articles/", linking):
        assert "Multiple sclerosis, retitled" in main_text(client.get(url).content.decode())


def test_unpublishing_or_deleting_takes_the_page_away_at_once(client):
    assert client.get(ARTICLE).status_code == 200
    article = Article.objects.get(slug="multiple-sclerosis")
    article.status = Article.Status.DRAFT
    services.article_save(article=article, user=None, confirm_unpublish=True)
    assert client.get(ARTICLE).status_code == 404

    stomach = "/articles/twitching-in-the-stomach/"
    assert client.get(stomach).status_code == 200
    services.article_delete(article=Article.objects.get(slug="twitching-in-the-stomach"), user=None)
    assert client.get(stomach).status_code == 404


def test_a_change_of_related_articles_shows_at_once(client):
    article = Article.objects.get(slug="multiple-sclerosis")
    related = list(article.related.all())
    assert related and 'id="page-related"' in client.get(ARTICLE).content.decode()
    services.article_save(article=article, user=None, related=[])
    assert 'id="page-related"' not in client.get(ARTICLE).content.decode()
    services.article_save(article=article, user=None, related=related)
    assert 'id="page-related"' in client.get(ARTICLE).content.decode()


def test_a_page_cached_before_an_edit_is_committed_is_not_served_after_the_commit(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    article = Article.objects.get(slug="multiple-sclerosis")
    with django_capture_on_commit_callbacks() as callbacks:
        services.article_save(article=article, user=None)
        # Another reader, before the commit, would have rendered the old text.
        client.get(ARTICLE)
    for callback in callbacks:
        callback()
    with django_assert_max_num_queries(2) as queries:
        client.get(ARTICLE)
    assert len(queries) > 0  # rendered again, not served from the cache


def test_other_query_parameters_share_one_cached_page(client, django_assert_num_queries):
    client.get(ARTICLE)
    with django_assert_num_queries(0):
        assert client.get(ARTICLE, {"utm_source": "news"}).status_code == 200


def test_the_a_to_z_letter_and_page_are_cached_apart(client, make_article):
    for n in range(160):  # more than one A to Z page
        make_article(title=f"{'BZ'[n % 2]}eta article {n}", slug=f"article-{n}")
    b = client.get("/articles/", {"letter": "B"}).content.decode()
    z = client.get("/articles/", {"letter": "Z"}).content.decode()
    assert "Beta article" in b and "Zeta article" not in b
    assert "Zeta article" in z and "Beta article" not in z
    page_two = client.get("/articles/", {"letter": "B", "page": "2"}).content.decode()
    assert page_two != b


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_logged_in_staff_get_fresh_pages_that_no_one_may_store(
    editor_client, url, django_assert_max_num_queries
):
    Client().get(url)  # in the cache for readers
    response = editor_client.get(url)
    assert response.status_code == 200
    directives = cache_control(response)
    assert {"private", "no-store"} <= directives
    assert "public" not in directives and not any(d.startswith("s-maxage") for d in directives)
    assert "ETag" not in response


def test_a_draft_seen_by_staff_is_never_served_to_readers(editor_client, make_article):
    draft = make_article(slug="a-draft", status=Article.Status.DRAFT)
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_the_symptom_check_is_never_publicly_cached(client):
    for response in (client.get("/triage/"), post(client, VALID)):
        assert response.status_code == 200
        directives = cache_control(response)
        assert "no-store" in directives and "public" not in directives
        assert "ETag" not in response


@pytest.mark.parametrize("url", ["/articles/no-such-article/", "/no-such-page/"])
def test_error_pages_are_not_made_public(client, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 404
        assert "public" not in cache_control(response)
        assert "ETag" not in response


def test_the_home_page_stays_small_with_many_articles(client, make_article, settings):
    for n in range(HOME_ARTICLES_PER_KIND + 5):
        make_article(title=f"Synthetic symptom {n:02}", slug=f"synthetic-{n}")
    text = main_text(client.get("/").content.decode())
    assert text.count("Synthetic symptom") <= HOME_ARTICLES_PER_KIND
    assert "Multiple sclerosis (MS)" in text  # the other kind is still there
    assert "health A to Z" in text


def test_search_results_are_kept_by_the_site_only(client, django_assert_num_queries):
    url = "/search/?q=twitching"
    first = client.get(url)
    assert first.status_code == 200
    directives = cache_control(first)
    assert "private" in directives and "public" not in directives
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    other = client.get("/search/?q=sclerosis").content.decode()
    assert "Multiple sclerosis" in other and other != first.content.decode()


def test_search_results_follow_an_edit_at_once(client):
    before = client.get("/search/?q=quokka").content.decode()
    assert "/articles/multiple-sclerosis/" not in before
    article = Article.objects.get(slug="multiple-sclerosis")
    article.body += "\n\nA quokka is not a cause of twitching.\n"
    services.article_save(article=article, user=None)
    after = client.get("/search/?q=quokka").content.decode()
    assert "/articles/multiple-sclerosis/" in after


def test_an_outcome_follows_an_edit_of_an_article_it_links_to(client):
    answers = VALID | {"symptoms": ["weakness", "muscle_wasting"]}
    assert "Amyotrophic lateral sclerosis (ALS)" in main_text(
        post(client, answers).content.decode()
    )
    als = Article.objects.get(slug="amyotrophic-lateral-sclerosis")
    als.title = "Motor neurone disease (ALS)"
    services.article_save(article=als, user=None)
    assert "Motor neurone disease (ALS)" in main_text(post(client, answers).content.decode())


def test_the_shipped_nginx_cache_keys_are_the_views_query_parameters():
    out = io.StringIO()
    call_command("nginx_cache_keys", stdout=out)
    shipped = Path(__file__).resolve().parent.parent / "deploy/nginx/twitch-cache-keys.conf"
    assert shipped.read_text() == out.getvalue(), "run: manage.py nginx_cache_keys > " + str(
        shipped
    )
    assert '/articles/ "letter=$arg_letter&page=$arg_page";' in out.getvalue()
