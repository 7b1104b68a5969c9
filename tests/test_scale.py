"""With thousands of articles, the lists stay small and every article can be found."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from articles.models import Article
from articles.search import search
from articles.views import AZ_ONE_PAGE_UP_TO, AZ_PAGE_SIZE
from support.pages import main_text

pytestmark = pytest.mark.django_db


def test_generate_articles_creates_n_published_searchable_articles():
    call_command("generate_articles", 30, stdout=None)
    synthetic = Article.objects.published().filter(title__contains="(synthetic ")
    assert synthetic.count() == 30
    assert all(a.body_html and a.body_text for a in synthetic)
    assert search("synthetic").total == 30
    assert Client().get(synthetic.first().get_absolute_url()).status_code == 200


def test_generate_articles_can_run_twice_without_clashing():
    call_command("generate_articles", 3, stdout=None)
    call_command("generate_articles", 3, stdout=None)
    assert Article.objects.filter(title__contains="(synthetic ").count() == 6


def test_generate_articles_numbers_after_the_highest_even_after_a_delete():
    call_command("generate_articles", 3, stdout=None)
    Article.objects.filter(slug="synthetic-2").delete()
    call_command("generate_articles", 2, stdout=None)
    slugs = Article.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True)
    assert sorted(slugs) == ["synthetic-1", "synthetic-3", "synthetic-4", "synthetic-5"]


def test_generate_articles_is_deterministic():
    call_command("generate_articles", 5, stdout=None)
    first = list(Article.objects.filter(slug__startswith="synthetic-").values_list("title", "body"))
    Article.objects.filter(slug__startswith="synthetic-").delete()
    call_command("generate_articles", 5, stdout=None)
    again = list(Article.objects.filter(slug__startswith="synthetic-").values_list("title", "body"))
    assert [body for _, body in again] == [body for _, body in first]
    assert [t.split(" (")[0] for t, _ in again] == [t.split(" (")[0] for t, _ in first]


def test_the_a_to_z_list_shows_new_synthetic_articles_at_once():
    assert "(synthetic 1)" not in Client().get("/articles/").content.decode()  # now cached
    call_command("generate_articles", 3, stdout=None)
    assert "(synthetic 1)" in Client().get("/articles/").content.decode()


def test_generate_articles_refuses_a_production_database(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "0")
    with pytest.raises(CommandError, match="production"):
        call_command("generate_articles", 1, stdout=None)
    call_command("generate_articles", 1, "--force", stdout=None)


def test_with_a_few_articles_the_a_to_z_list_is_one_page():
    text = main_text(Client().get("/articles/").content.decode())
    assert "Multiple sclerosis (MS)" in text
    assert "Twitching in the stomach" in text


def test_with_many_articles_the_a_to_z_list_shows_one_letter_a_page_at_a_time():
    call_command("generate_articles", AZ_ONE_PAGE_UP_TO + 50, stdout=None)
    html = Client().get("/articles/").content.decode()
    text = main_text(html)
    assert text.count("(synthetic ") + text.count("sclerosis (") <= AZ_PAGE_SIZE + 2
    assert 'aria-current="page"' in html  # the letter shown

    letter = Client().get("/articles/", {"letter": "T"}).content.decode()
    titles = re.findall(r'<a href="/articles/synthetic-\d+/">([^<]+)</a>', letter)
    assert titles and all(title.strip().upper().startswith("T") for title in titles)
    assert len(titles) <= AZ_PAGE_SIZE

    for nonsense in ({"letter": "<script>"}, {"letter": "T", "page": "999"}, {"page": "x"}):
        assert Client().get("/articles/", nonsense).status_code == 200
