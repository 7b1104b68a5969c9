"""The four articles link to each other, and no internal link anywhere is broken."""

from itertools import permutations
from urllib.parse import urldefrag

import pytest

from articles.models import Article
from conftest import SLUGS
from pages import links_of, parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("source", "target"), list(permutations(SLUGS, 2)))
def test_each_article_links_to_each_of_the_others(client, source, target):
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


def test_a_crawl_from_the_home_page_finds_no_broken_link(client):
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
    assert {f"/articles/{slug}/" for slug in SLUGS} <= seen.keys()
    for page, target, fragment in fragments:
        assert fragment in seen[target], f"{page} links to a missing #{fragment} on {target}"
