"""Search engines and link previews find the pages: sitemap, robots.txt, canonical, OG, JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article
from support.pages import SLUGS

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_every_published_article_and_no_draft(client, make_article):
    make_article(slug="coming-soon", status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    urls = {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
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
