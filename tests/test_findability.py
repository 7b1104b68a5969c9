"""Search engines and link previews find the pages: sitemap, robots.txt, canonical, OG, JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from support.pages import SLUGS

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_addresses(client) -> set[str]:
    """Every address in the sitemap, following its index to each section."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls = set()
    for section in ET.fromstring(index.content).findall("s:sitemap/s:loc", SITEMAP_NS):  # noqa: S314
        response = client.get(section.text)
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # noqa: S314 (our own response)
        urls |= {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
    return urls


def test_the_sitemap_lists_every_published_article_and_no_draft(client, make_article):
    make_article(slug="coming-soon", status="draft")
    urls = sitemap_addresses(client)
    for slug in SLUGS:
        assert f"http://testserver/articles/{slug}/" in urls
    assert "http://testserver/articles/coming-soon/" not in urls
    assert {"http://testserver/", "http://testserver/triage/"} <= urls


def test_robots_txt_allows_crawling_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_pages_have_a_canonical_link_and_link_preview_tags(client):
    html = client.get("/articles/multiple-sclerosis/?utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/multiple-sclerosis/">' in html
    assert '<meta property="og:title" content="Multiple sclerosis (MS)">' in html
    assert '<meta property="og:type" content="article">' in html
    summary = Article.objects.get(slug="multiple-sclerosis").summary
    assert f'<meta property="og:description" content="{summary}">' in html


def json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


@pytest.mark.parametrize(
    ("slug", "about"),
    [("multiple-sclerosis", "MedicalCondition"), ("twitching-in-the-shoulder", "MedicalSymptom")],
)
def test_article_pages_describe_themselves_as_a_medical_web_page(client, slug, about):
    article = Article.objects.get(slug=slug)
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {"@type": about, "name": article.title}
    assert data["lastReviewed"] == article.last_reviewed.isoformat()
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"


def test_json_ld_cannot_be_broken_out_of(client, make_article):
    article = make_article(title="</script><script>alert(1)</script>", slug="hostile")
    html = client.get(article.get_absolute_url()).content.decode()
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"
    assert html.count("<script") == 1


def test_a_large_sitemap_comes_in_pages_that_together_list_every_article(
    client, make_article, monkeypatch
):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    for n in range(7):
        make_article(title=f"Article {n}", slug=f"article-{n}")
    assert "sitemap-articles.xml?p=3" in client.get("/sitemap.xml").content.decode()
    urls = sitemap_addresses(client)
    assert {f"http://testserver/articles/article-{n}/" for n in range(7)} <= urls
