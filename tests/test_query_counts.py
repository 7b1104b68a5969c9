"""Pages stay cheap: a fixed, small number of queries, whatever the content."""

import pytest

from pages import SLUGS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", SLUGS)
def test_an_article_page_makes_at_most_three_queries(client, slug, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(f"/articles/{slug}/").status_code == 200


@pytest.mark.parametrize("url", ["/", "/articles/"])
def test_lists_make_one_query_however_many_articles(
    client, url, make_article, django_assert_num_queries
):
    for n in range(20):
        make_article(title=f"Article {n}", slug=f"article-{n}")
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
