"""The second edition of the content: ten articles, none of the seeds' wrong phrasings on
any public page, and search finds the page a reader means."""

import pytest

from articles import search
from articles.models import Article
from support.pages import SLUGS, main_text

pytestmark = pytest.mark.django_db

# Wrong or mistranslated phrasings of the first edition (issue: content, second edition).
NEVER_SHOWN = [
    "2 to 5 years",
    "very rare muscle disease",
    "can be improved by magnesium supplementation",
    "uninfluenceable",
    "symptomatology",
]


def public_pages(client):
    for url in ["/", "/articles/", *(f"/articles/{slug}/" for slug in SLUGS)]:
        yield url, main_text(client.get(url).content.decode())


def test_every_article_is_published_on_the_home_page_and_in_the_a_to_z(client):
    titles = dict(Article.objects.filter(slug__in=SLUGS).values_list("slug", "title"))
    assert set(titles) == set(SLUGS)
    assert Article.objects.published().filter(slug__in=SLUGS).count() == len(SLUGS)
    home = main_text(client.get("/").content.decode())
    a_to_z = main_text(client.get("/articles/").content.decode())
    for title in titles.values():
        assert title in home and title in a_to_z, title


@pytest.mark.parametrize("phrase", NEVER_SHOWN)
def test_a_corrected_phrasing_appears_on_no_public_page(client, phrase):
    shown = [url for url, text in public_pages(client) if phrase.casefold() in text.casefold()]
    assert not shown, f"{phrase!r} is on {shown}"


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("MND", "amyotrophic-lateral-sclerosis"),
        ("fasciculations", "benign-fasciculation-syndrome"),
        ("blepharospasm", "eyelid-twitching"),
        ("Tourette", "tics-and-tourettes-syndrome"),
        ("spasms", "muscle-cramps"),
    ],
)
def test_a_search_finds_the_page_a_reader_means_first(query, slug):
    assert search.search(query).hits[0].slug == slug


@pytest.mark.parametrize("slug", SLUGS)
def test_every_article_names_its_sources_and_its_review_dates(client, slug):
    article = Article.objects.get(slug=slug)
    assert article.sources_html.count("<li>") >= 2
    page = main_text(client.get(f"/articles/{slug}/").content.decode())
    assert "Page last reviewed" in page and "Next review due" in page
