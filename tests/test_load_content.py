"""The shipped articles come from `manage.py load_content`, as the admin would save them:
idempotent, all or nothing, and rendering again whatever another pipeline rendered."""

import dataclasses
import io

import pytest
from django.core.management import CommandError, call_command

from articles import content_files, services
from articles.models import PIPELINE, Article

pytestmark = pytest.mark.django_db

SHIPPED = content_files.read_all()


def load() -> str:
    out = io.StringIO()
    call_command("load_content", stdout=out)
    return out.getvalue()


def test_the_database_holds_every_shipped_article_as_load_content_saved_it():
    assert SHIPPED, "articles/content/ holds no article"
    for f in SHIPPED:
        article = Article.objects.get(slug=f.slug)
        assert (article.title, article.summary, article.also_called) == (
            f.title,
            f.summary,
            f.also_called,
        )
        assert article.is_published and article.rendered_with == PIPELINE
        assert article.body_html and article.reading_ease is not None
        assert article.history.first().history_change_reason == (
            f"Loaded from articles/content/{f.slug}.md"
        )
        # Related is both ways: an article is also related to those that name it.
        assert set(f.related) <= set(article.related.values_list("slug", flat=True))


def test_loading_twice_changes_nothing():
    before = {a.slug: (a.updated_at, a.history.count()) for a in Article.objects.all()}
    output = load()
    assert f"0 created, 0 updated, {len(SHIPPED)} unchanged. Rendered again: 0." in output
    assert {a.slug: (a.updated_at, a.history.count()) for a in Article.objects.all()} == before


def test_a_changed_file_updates_its_article_and_its_history_keeps_the_old_text():
    f = SHIPPED[0]
    changed = dataclasses.replace(f, summary="A new summary.", digest="changed")
    loaded = content_files.load([changed, *SHIPPED[1:]])
    assert loaded.updated == [f.slug] and not loaded.created
    article = Article.objects.get(slug=f.slug)
    assert article.summary == "A new summary."
    assert article.history.all()[1].summary == f.summary


def test_an_editors_later_change_is_kept_while_the_file_is_unchanged():
    article = Article.objects.get(slug=SHIPPED[0].slug)
    article.summary = "An editor's better summary."
    services.article_save(article=article, user=None)
    load()
    assert Article.objects.get(pk=article.pk).summary == "An editor's better summary."


def test_a_pipeline_change_renders_every_stored_article_again(make_article):
    extra = make_article(slug="an-editors-page", body="See [[multiple-sclerosis]].")
    Article.objects.update(body_html="<p>stale</p>", body_text="stale", rendered_with="old")
    output = load()
    assert f"Rendered again: {len(SHIPPED) + 1}." in output
    for article in Article.objects.all():
        assert article.rendered_with == PIPELINE
        assert "stale" not in article.body_html
    assert 'href="/articles/multiple-sclerosis/"' in Article.objects.get(pk=extra.pk).body_html


def test_a_file_that_does_not_validate_loads_nothing():
    bad = dataclasses.replace(SHIPPED[0], body="See [[no-such-page]].", digest="bad")
    summary = dataclasses.replace(SHIPPED[1], summary="Changed too.", digest="changed")
    with pytest.raises(Exception, match="no-such-page"):
        content_files.load([bad, summary, *SHIPPED[2:]])
    assert Article.objects.get(slug=SHIPPED[1].slug).summary == SHIPPED[1].summary


def test_the_command_explains_a_file_that_does_not_validate(monkeypatch):
    bad = dataclasses.replace(SHIPPED[0], body="See [[no-such-page]].", digest="bad")
    monkeypatch.setattr(content_files, "read_all", lambda: [bad])
    with pytest.raises(CommandError, match=r"Nothing was loaded: .*no-such-page"):
        load()


def test_a_new_shipped_article_may_link_to_another_new_one():
    Article.objects.all().delete()
    loaded = content_files.load()
    assert sorted(loaded.created) == sorted(f.slug for f in SHIPPED)
    linking = [a for a in Article.objects.all() if a.links_to.exists()]
    assert linking, "the shipped articles link to each other"
    for article in linking:
        assert "missing-link" not in article.body_html


def test_a_rewritten_seeds_history_starts_with_the_verbatim_seed():
    for slug in ("twitching-in-the-shoulder", "twitching-in-the-stomach"):
        f = next(f for f in SHIPPED if f.slug == slug)
        verbatim = content_files.parse(
            (content_files.ROOT / f.first_version).read_text(encoding="utf-8")
        )
        versions = list(Article.objects.get(slug=slug).history.order_by("history_id"))
        first, latest = versions[0], versions[-1]
        assert first.body == verbatim.body and first.history_change_reason == (
            f"Loaded from {f.first_version}"
        )
        assert latest.body == f.body
