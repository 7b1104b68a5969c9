"""Readers search the published articles from any page and find the right one first."""

from urllib.parse import quote_from_bytes

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import services
from articles.models import Article
from articles.search import MAX_QUERY_LENGTH, search, snippet, terms_of
from support.pages import links_of, main_text, script_vectors

pytestmark = pytest.mark.django_db


def results_page(query: str, **params) -> str:
    response = Client().get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def result_titles(query: str) -> list[str]:
    return [hit.title for hit in search(query).hits]


def test_a_title_match_ranks_above_a_body_only_match(make_article):
    make_article(slug="body-only", title="Aaa body", body="Quibblefrog " * 30)
    make_article(slug="in-title", title="Zzz quibblefrog", body="Other words.")
    assert result_titles("quibblefrog") == ["Zzz quibblefrog", "Aaa body"]


def test_the_seed_articles_are_found_by_their_subject():
    assert result_titles("multiple sclerosis")[0] == "Multiple sclerosis (MS)"
    assert result_titles("stomach")[0] == "Twitching in the stomach"
    # Every page with "twitching" in its title comes before those with it in the text.
    titled = set(
        Article.objects.filter(title__icontains="twitching").values_list("title", flat=True)
    )
    assert {"Twitching in the shoulder", "Twitching in the stomach"} <= titled
    assert set(result_titles("twitching")[: len(titled)]) == titled


def test_words_are_matched_by_stem_and_the_last_word_as_a_prefix():
    assert "Twitching in the shoulder" in result_titles("twitches shoulder")
    assert "Multiple sclerosis (MS)" in result_titles("multiple scler")


def test_each_result_has_a_snippet_with_the_match_marked():
    html = results_page("caffeine")
    assert "<mark>caffeine</mark>" in html.lower()
    assert 'href="/articles/twitching-in-the-stomach/"' in html


def test_a_snippet_escapes_the_text_and_marks_only_the_words():
    marked = snippet("Use <b>care</b> & rest: twitching stops.", ("twitching",))
    assert marked == "Use &lt;b&gt;care&lt;/b&gt; &amp; rest: <mark>twitching</mark> stops."


def test_html_in_an_article_is_shown_as_text_in_the_results(make_article):
    make_article(
        slug="hostile",
        title="Zebra <img src=x onerror=alert(1)>",
        body="Zebra <script>alert(1)</script> text.",
    )
    html = results_page("zebra")
    assert script_vectors(html) == []
    assert "<script>alert(1)" not in html
    assert "Zebra &lt;img" in html


@pytest.mark.parametrize(
    "query",
    ['"><script>alert(1)</script>', "<b>bold</b>", "' OR 1=1 --", 'NEAR("a" "b")',
     "twitch*", "-ms", "AND OR NOT", "(((", "title:als", "\u0000", "😀 emoji", "ü é ß",
     "%", "\\", "{title}: x", "^"],
)  # fmt: skip
def test_any_characters_get_a_page_not_an_error_and_are_never_markup(query):
    html = results_page(query)
    assert script_vectors(html) == []
    assert "<b>bold</b>" not in html


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
words = st.sampled_from(["twitch", "ms", "NEAR", "AND", "-", '"', "*", "(", ":", "<b>", "ü"])


@pytest.mark.fuzz
@FUZZ
@given(query=st.one_of(st.text(), st.lists(words).map(" ".join)), page=st.text(max_size=8))
def test_any_query_and_page_get_results_or_none_never_an_error(query, page):
    response = Client(raise_request_exception=False).get("/search/", {"q": query, "page": page})
    assert response.status_code == 200
    assert script_vectors(response.content.decode()) == []
    results = search(query, limit=5)
    assert len(results.hits) <= min(5, results.total)


@pytest.mark.fuzz
@FUZZ
@given(raw=st.binary(max_size=300))
def test_any_bytes_in_the_query_string_get_a_page_not_an_error(raw):
    response = Client(raise_request_exception=False).get("/search/?q=" + quote_from_bytes(raw))
    assert response.status_code == 200


def test_a_very_long_query_is_cut_with_a_message():
    html = results_page("twitching " * 100)
    assert "only its first 200 characters were used" in html
    assert len(terms_of("word " * 1000)) <= 8
    assert MAX_QUERY_LENGTH == 200


def test_an_empty_query_shows_a_plain_search_page():
    html = results_page("")
    assert "<title>Search - Twitch</title>" in html
    assert "No pages match" not in html


def test_no_results_suggest_the_a_to_z_list_and_the_symptom_check():
    html = results_page("xylophone")
    assert "No pages match “xylophone”" in main_text(html)
    links = links_of(html.split('id="main-content"', 1)[1])
    assert "/articles/" in links
    assert "/triage/" in links


def test_the_title_says_what_was_searched_for():
    assert "<title>Search results for “ALS” - Twitch</title>" in results_page("ALS")


def test_drafts_never_appear(make_article):
    make_article(slug="draft", title="Quokka draft", status=Article.Status.DRAFT)
    assert result_titles("quokka") == []
    assert "Quokka" not in results_page("quokka")


def test_the_index_follows_edits_unpublishing_and_deletes(make_article):
    article = make_article(slug="wombat", title="Wombat", body="Burrowing.")
    assert result_titles("wombat") == ["Wombat"]

    article.body = "Now about numbats."
    article.title = "Numbat"
    services.article_save(article=article, user=None)
    assert result_titles("wombat") == []
    assert result_titles("numbats") == ["Numbat"]

    article.slug = "numbat"
    services.article_save(article=article, user=None)
    assert search("numbat").hits[0].url == "/articles/numbat/"

    article.status = Article.Status.DRAFT
    services.article_save(article=article, user=None, confirm_unpublish=True)
    assert result_titles("numbat") == []
    article.status = Article.Status.PUBLISHED
    services.article_save(article=article, user=None)
    assert result_titles("numbat") == ["Numbat"]

    services.article_delete(article=article, user=None)
    assert result_titles("numbat") == []


def test_the_index_follows_bulk_updates_and_deletes(make_article):
    make_article(slug="quoll", title="Quoll")
    Article.objects.filter(slug="quoll").update(status=Article.Status.DRAFT)
    assert search("quoll").total == 0
    Article.objects.filter(slug="quoll").update(status=Article.Status.PUBLISHED)
    assert result_titles("quoll") == ["Quoll"]
    Article.objects.filter(slug="quoll").delete()
    assert search("quoll").total == 0


def test_emptying_the_article_table_empties_the_index(make_article):
    # Django's flush between tests truncates on PostgreSQL, which fires no row trigger;
    # on SQLite it deletes, row by row.
    assert search("twitching").total > 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE articles_article CASCADE")
    else:
        Article.objects.all().delete()
    assert search("twitching").total == 0
    make_article(slug="twitching-toes", title="Twitching toes")
    assert search("twitching").total == 1


def test_a_short_last_word_is_matched_whole_and_a_longer_one_as_a_start():
    assert "Multiple sclerosis (MS)" in result_titles("multiple scl")
    assert snippet("Size s, some MS.", ("s", "ms")) == "Size <mark>s</mark>, some <mark>MS</mark>."


def test_results_come_in_pages_of_20_with_a_next_page_link():
    call_command("generate_articles", 45, stdout=None)
    first = results_page("synthetic")
    assert "45 results, page 1 of 3" in main_text(first)
    assert main_text(first).count("(synthetic ") == 20
    assert "page=2" in first
    third = results_page("synthetic", page="3")
    assert main_text(third).count("(synthetic ") == 5
    assert "page=4" not in third
    for nonsense in ("0", "-1", "abc", "99999999999", "9"):
        assert Client().get("/search/", {"q": "synthetic", "page": nonsense}).status_code == 200


def test_result_pages_hold_each_match_once():
    call_command("generate_articles", 45, stdout=None)
    pages = [search("synthetic", limit=20, offset=offset).hits for offset in (0, 20, 40)]
    slugs = [hit.slug for page in pages for hit in page]
    assert len(slugs) == 45
    assert len(set(slugs)) == 45


@pytest.mark.parametrize("limit", [7, 20])
def test_pages_list_every_title_match_then_every_other_match_once(make_article, limit):
    for number in range(13):
        make_article(slug=f"title-{number}", title=f"Quibblefrog {number}", body="Words.")
    for number in range(11):
        make_article(slug=f"body-{number}", title=f"Other {number}", body="A quibblefrog.")
    hits = [
        hit
        for offset in range(0, 30, limit)
        for hit in search("quibblefrog", limit=limit, offset=offset).hits
    ]
    assert [hit.title_match for hit in hits] == [True] * 13 + [False] * 11
    assert len({hit.slug for hit in hits}) == 24
    assert search("quibblefrog", limit=limit, offset=limit * 4).hits == []


def test_every_page_has_the_search_form_in_its_header():
    for url in ("/", "/articles/", "/articles/multiple-sclerosis/", "/triage/", "/privacy/"):
        html = Client().get(url).content.decode()
        header = html.split("</header>", 1)[0]
        assert 'action="/search/"' in header, url
        assert 'role="search"' in header
        assert '<label for="site-search-q"' in header


def test_the_search_page_sets_no_cookie():
    assert not Client().get("/search/", {"q": "twitching"}).cookies


def test_a_snippet_keeps_a_heading_apart_from_the_text_after_it(make_article):
    make_article(
        slug="headed",
        title="Headed",
        body="## Harmless causes\n\nIn most cases the quibblefrog is harmless.",
    )
    hit = search("quibblefrog").hits[0]
    assert "Harmless causes. In most cases the <mark>quibblefrog</mark>" in hit.snippet


def test_the_results_page_has_one_search_box_and_the_header_box_a_visible_hint():
    results = Client().get("/search/", {"q": "twitching"}).content.decode()
    assert results.count('role="search"') == 1
    home = Client().get("/").content.decode().split("</header>", 1)[0]
    assert 'placeholder="Search this site"' in home


@pytest.mark.parametrize("url", ["/articles/multiple-sclerosis/", "/articles/?junk=1"])
def test_a_printout_says_where_it_came_from_and_when_but_never_the_query(url):
    html = Client().get(url).content.decode()
    path = url.split("?")[0]
    assert f"Printed from Twitch, http://testserver{path}, on " in html
    assert "junk" not in html.split("print-source", 1)[1].split("</p>", 1)[0]
