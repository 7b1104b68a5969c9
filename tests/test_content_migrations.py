"""An old database, whose articles a migration once loaded, migrates cleanly: its
articles stay, search finds them, and load_content then fills in what is new."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from articles import search
from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_old_database_migrates_forward_keeping_its_articles_and_search():
    call_command("load_content", stdout=io.StringIO())
    slugs = set(Article.objects.values_list("slug", flat=True))
    assert slugs
    # Back to before also-called names and the loader's fields, as an old database stands.
    call_command("migrate", "articles", "0006", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT slug FROM articles_article")
        assert {row[0] for row in cursor.fetchall()} == slugs
    call_command("migrate", verbosity=0)
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    assert search.search("twitching").total > 0  # the index was rebuilt with the rows
    out = io.StringIO()
    call_command("load_content", stdout=out)
    # Loaded once more from their files (the old rows knew no file), then left alone.
    assert f"0 created, {len(slugs)} updated" in out.getvalue()
    assert search.search("MND").hits[0].slug == "amyotrophic-lateral-sclerosis"
