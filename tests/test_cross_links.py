"""The articles link to each other, and no internal link anywhere is broken."""

from itertools import permutations
from urllib.parse import urldefrag

import pytest
from django.core.exceptions import ValidationError

from articles import content_files, services
from articles.models import Article
from support.pages import FIRST_FOUR, SLUGS, links_of, parse

pytestmark = pytest.mark.django_db


def test_the_tests_know_every_shipped_article():
    assert set(SLUGS) == {f.slug for f in content_files.read_all()}


@pytest.mark.parametrize(("source", "target"), list(permutations(FIRST_FOUR, 2)))
def test_each_of_the_first_four_links_to_each_of_the_others(client, source, target):
    links = links_of(client.get(f"/articles/{source}/").content.decode())
    assert f"/articles/{target}/" in {urldefrag(link).url for link in links}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("twitching-in-the-shoulder", "amyotrophic-lateral-sclerosis"),
        ("twitching-in-the-stomach", "multiple-sclerosis"),
        ("twitching-in-the-stomach", "amyotrophic-lateral-sclerosis"),
        ("multiple-sclerosis", "twitching-in-the-shoulder"),
        ("multiple-sclerosis", "twitching-in-the-stomach"),
        ("amyotrophic-lateral-sclerosis", "twitching-in-the-shoulder"),
        ("amyotrophic-lateral-sclerosis", "twitching-in-the-stomach"),
    ],
)
def test_the_text_links_where_it_mentions_another_article(source, target):
    article = Article.objects.get(slug=source)
    assert f'href="/articles/{target}/"' in article.body_html
    assert article.links_to.filter(slug=target).exists()
    assert Article.objects.get(slug=target).linked_from.filter(slug=source).exists()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_article_links_in_its_text_to_two_others_and_one_links_back(slug):
    article = Article.objects.get(slug=slug)
    linked = set(article.links_to.exclude(pk=article.pk).values_list("slug", flat=True))
    assert len(linked) >= 2, f"{slug} links in its text to {sorted(linked)}"
    back = set(article.linked_from.exclude(pk=article.pk).values_list("slug", flat=True))
    assert back & linked, f"none of {sorted(linked)} links back to {slug}"


def crawl(client) -> set[str]:
    """Follow every link on the site from the home page; every page and #anchor must exist."""
    seen: dict[str, set[str]] = {}  # page -> the ids on it
    queue, fragments = ["/"], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        page = parse(response.content.decode())
        seen[url] = page.ids
        for link in page.links:
            target, fragment = urldefrag(link)
            target = target or url
            if not target.startswith("/") or target.startswith("//"):
                continue  # another site: the sources
            if fragment:
                fragments.append((url, target, fragment))
            queue.append(target)
    for page, target, fragment in fragments:
        assert fragment in seen[target], f"{page} links to a missing #{fragment} on {target}"
    return set(seen)


def test_a_crawl_from_the_home_page_finds_no_broken_link(client):
    pages = crawl(client)
    assert {f"/articles/{slug}/" for slug in SLUGS} <= pages
    assert {"/articles/", "/triage/", "/privacy/"} <= pages


def test_a_published_page_cannot_link_to_a_draft(make_article):
    make_article(slug="coming-soon", title="Coming soon", status="draft")
    page = Article.objects.get(slug="multiple-sclerosis")
    page.body += "\n\nSee [[coming-soon]].\n"
    with pytest.raises(ValidationError, match=r"no published article: \[\[coming-soon\]\]"):
        page.full_clean()


def test_a_draft_may_link_to_another_draft(make_article):
    make_article(slug="coming-soon", title="Coming soon", status="draft")
    draft = make_article(slug="also-new", status="draft", body="See [[coming-soon]].")
    draft.full_clean()
    assert 'href="/articles/coming-soon/"' in draft.body_html


def test_retitling_an_article_updates_the_pages_that_link_to_it(client):
    ms = Article.objects.get(slug="multiple-sclerosis")
    ms.title = "Multiple sclerosis"
    services.article_save(article=ms, user=None)
    als = client.get("/articles/amyotrophic-lateral-sclerosis/").content.decode()
    assert ">Multiple sclerosis</a>" in als
    assert ">Multiple sclerosis (MS)</a>" not in als


def test_unpublishing_an_article_removes_the_links_to_it(client):
    ms = Article.objects.get(slug="multiple-sclerosis")
    ms.status = Article.Status.DRAFT
    services.article_save(article=ms, user=None, confirm_unpublish=True)
    stomach = client.get("/articles/twitching-in-the-stomach/").content.decode()
    assert 'href="/articles/multiple-sclerosis/"' not in stomach
    assert "multiple sclerosis" in stomach  # the words stay
    assert "/articles/multiple-sclerosis/" not in crawl(client)
