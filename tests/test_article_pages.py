"""What a reader sees on each public page."""

import pytest
from django.test import Client, override_settings
from django.utils.html import escape

from articles.models import Article
from support.pages import SLUGS, main_text, text_of
from triage.rules import CALL_EMERGENCY_IF, RULES_BY_CODE

pytestmark = pytest.mark.django_db


def test_home_page_says_what_the_site_is_for_and_lists_the_articles_by_kind(client):
    response = client.get("/")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Most muscle twitches are harmless" in text
    assert "Twitching in different places" in text
    assert "Conditions people worry about" in text
    for article in Article.objects.published():
        assert article.title in text


def test_home_page_shows_the_emergency_number_from_the_setting(client, settings):
    assert "Call 112 now if you get:" in text_of(client.get("/").content.decode())
    settings.EMERGENCY_NUMBER = "999"
    assert "Call 999 now if you get:" in text_of(client.get("/").content.decode())


def test_the_home_pages_emergency_signs_are_the_symptom_checks_with_their_sources(client):
    text = text_of(client.get("/").content.decode())
    for sign in CALL_EMERGENCY_IF.signs:
        assert sign.text in text
    stroke = RULES_BY_CODE["emergency_stroke_signs"]
    assert stroke.sources and all(source.name in text for source in stroke.sources)


def test_a_to_z_lists_every_published_article_under_its_letter(client):
    response = client.get("/articles/")
    assert response.status_code == 200
    html = response.content.decode()
    for article in Article.objects.published():
        assert f'href="{article.get_absolute_url()}"' in html
    assert 'id="letter-M"' in html and 'id="letter-T"' in html


@pytest.mark.parametrize("slug", SLUGS)
def test_article_page_has_title_summary_contents_related_sources_and_review_dates(client, slug):
    article = Article.objects.get(slug=slug)
    response = client.get(f"/articles/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    text = main_text(html)
    assert f"<h1>{escape(article.title)}</h1>" in html
    assert article.summary in text
    assert "On this page" in text
    for heading in article.headings:
        assert f'href="#{heading["id"]}"' in html
        assert f'id="{heading["id"]}"' in html
    assert "Related articles" in text
    assert "Sources" in text
    assert article.last_reviewed.strftime("Page last reviewed: %-d %B %Y") in text
    assert article.next_review_due.strftime("Next review due: %-d %B %Y") in text
    assert "general information, not a diagnosis" in text
    assert "Home" in text_of(html[: html.index("<main")])  # breadcrumbs


@pytest.mark.parametrize("slug", SLUGS)
def test_review_is_due_three_years_after_the_last_review(slug):
    article = Article.objects.get(slug=slug)
    assert article.next_review_due == article.last_reviewed.replace(
        year=article.last_reviewed.year + 3
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_every_article_has_care_cards_with_the_emergency_number(client, slug):
    html = client.get(f"/articles/{slug}/").content.decode()
    assert "care-card--emergency" in html
    assert "Immediate action required: " in html
    assert "Call 112 now if:" in text_of(html)
    assert "{emergency_number}" not in html


def test_article_with_one_section_has_no_contents_list(client, make_article):
    make_article(slug="short", body="## Only one section\n\nText.")
    assert "On this page" not in client.get("/articles/short/").content.decode()


@override_settings(ROOT_URLCONF="support.broken_urls", DEBUG=False)
def test_a_server_error_gets_the_friendly_500_page_with_no_stack_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "call 112" in text_of(html) and 'href="tel:112"' in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_the_a_to_z_groups_titles_whatever_their_case(client, make_article):
    make_article(title="Ear twitching", slug="ear-twitching")
    make_article(title="elbow twitching", slug="elbow-twitching")
    html = client.get("/articles/").content.decode()
    assert html.count('id="letter-E"') == 1
    assert html.index("Ear twitching") < html.index("elbow twitching")
