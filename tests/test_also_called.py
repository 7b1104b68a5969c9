"""Readers find a page by another name they know ("MND"): under the title, in the A to Z
as "X, see Y", and first in search, on SQLite and PostgreSQL."""

import pytest

from articles import search, views
from articles.models import Article
from support.admin_forms import article_form_data
from support.pages import main_text

pytestmark = pytest.mark.django_db

ALS = "amyotrophic-lateral-sclerosis"
ALS_TITLE = "Amyotrophic lateral sclerosis (ALS)"


def test_other_names_show_under_the_title(client):
    page = main_text(client.get(f"/articles/{ALS}/").content.decode())
    assert f"{ALS_TITLE} Also called: MND, motor neurone disease, Lou Gehrig's disease" in page


def test_a_page_with_no_other_names_says_nothing_of_them(client):
    assert "Also called" not in main_text(
        client.get("/articles/multiple-sclerosis/").content.decode()
    )


def test_the_a_to_z_lists_each_other_name_as_see_the_article(client):
    html = client.get("/articles/").content.decode()
    page = main_text(html)
    assert f"MND, see {ALS_TITLE}" in page
    assert f"motor neurone disease, see {ALS_TITLE}" in page
    assert f"Lou Gehrig's disease, see {ALS_TITLE}" in page.replace("&#x27;", "'")
    # Under its own letter, in order with the titles.
    m_section = html[
        html.index('id="letter-M"') : html.index("</section>", html.index('id="letter-M"'))
    ]
    assert m_section.index("MND, see") < m_section.index("motor neurone disease, see")
    assert m_section.index("motor neurone disease, see") < m_section.index("Multiple sclerosis")


def test_the_paged_a_to_z_lists_other_names_on_the_letters_first_page(client, monkeypatch):
    monkeypatch.setattr(views, "AZ_ONE_PAGE_UP_TO", 1)
    page = main_text(client.get("/articles/?letter=M").content.decode())
    assert f"MND, see {ALS_TITLE}" in page and "Multiple sclerosis (MS)" in page
    assert "Lou Gehrig" not in page
    assert "Lou Gehrig's disease, see" in main_text(
        client.get("/articles/?letter=L").content.decode()
    ).replace("&#x27;", "'")


@pytest.mark.parametrize("query", ["MND", "motor neurone disease", "Lou Gehrig"])
def test_a_search_for_another_name_finds_its_article_first(query):
    results = search.search(query)
    assert results.hits[0].slug == ALS
    assert results.hits[0].title_match


def test_an_other_name_match_ranks_before_a_match_in_the_text(make_article):
    make_article(
        slug="busy-text",
        title="Busy text",
        body="Quiverings. Quiverings and quiverings, quiverings again.",
    )
    make_article(slug="shivers", title="Shivers", also_called="leg quiverings", body="Other words.")
    assert [hit.slug for hit in search.search("quiverings").hits] == ["shivers", "busy-text"]


def test_editors_change_other_names_in_the_admin_and_search_follows(editor_client, make_article):
    article = make_article(slug="cramps", title="Cramps", body="Other words.")
    url = f"/admin/articles/article/{article.pk}/change/"
    form = editor_client.get(url).content.decode()
    assert 'name="also_called"' in form
    data = article_form_data(article, also_called=" muscle spasms,  charley horse ,muscle spasms")
    assert editor_client.post(url, data).status_code == 302
    assert Article.objects.get(pk=article.pk).also_called == "muscle spasms, charley horse"
    assert search.search("charley horse").hits[0].slug == "cramps"


def test_a_guide_has_its_own_heading_on_the_home_page_and_its_place_in_the_a_to_z(
    client, make_article
):
    make_article(slug="worry", title="Worry about twitching", kind=Article.Kind.GUIDE)
    home = client.get("/").content.decode()
    guides = home[home.index(">Guides</h2>") : home.index("</section>", home.index(">Guides</h2>"))]
    assert "Worry about twitching" in guides and "Eyelid twitching" not in guides
    assert "Worry about twitching" in main_text(client.get("/articles/").content.decode())
    page = client.get("/articles/worry/").content.decode()
    assert '"@type": "MedicalWebPage"' in page and '"about"' not in page
