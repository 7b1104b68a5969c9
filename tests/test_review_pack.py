"""A clinician reviews an article from one page: readers' feedback since the last review,
reading ease, care-card checks, what links here, the changes since and the sources, with
the sign-off at its foot."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, SourceLink
from feedback.models import Feedback
from support.pages import text_of

pytestmark = pytest.mark.django_db


def pack_html(client, article) -> str:
    response = client.get(f"/admin/articles/article/{article.pk}/review/")
    assert response.status_code == 200
    return response.content.decode()


def pack_of(client, article) -> str:
    return text_of(pack_html(client, article))


def answer(article, useful: bool, reason: str = "", days_ago: int = 0, version=None):
    return Feedback.objects.create(
        kind="article", article=article, useful=useful, reason=reason,
        article_version=version or article.history.latest().history_id,
        created_hour=timezone.now() - timedelta(days=days_ago),
    )  # fmt: skip


def test_the_pack_counts_feedback_since_the_last_review_by_version_with_reasons(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    article.last_reviewed = timezone.localdate() - timedelta(days=10)
    article.save()
    answer(article, True)
    answer(article, True)
    answer(article, False, "more_worried")
    answer(article, False, "more_worried", days_ago=30)  # before the last review
    html = pack_html(editor_client, article)
    rows = re.findall(r"<tr><th scope=\"row\">[^<]+</th><td>(\d+)</td><td>(\d+)</td></tr>", html)
    assert rows == [("2", "1")]  # one version, since the review
    assert "It made me more worried: 1" in text_of(html)


def test_the_pack_names_care_cards_that_break_the_conventions(editor_client, make_article):
    bullets = "".join(f"    - sign {n}\n" for n in range(6))
    article = make_article(slug="six-signs", body=f'!!! urgent "Get help now"\n{bullets}')
    text = pack_of(editor_client, article)
    assert "6 bullets: at most 5" in text
    assert "the heading does not end “if:”" in text


def test_the_pack_shows_broken_sources_and_the_symptom_check_linking_here(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    url = "https://www.nhs.uk/conditions/multiple-sclerosis/"
    assert url in article.sources_html
    SourceLink.objects.create(
        url=url, status=404, problem="answered 404", checked_at=timezone.now()
    )
    text = pack_of(editor_client, article)
    assert f"{url}: broken (answered 404)" in text
    assert "(links to it among its results)" in text


def test_the_pack_shows_the_changes_since_the_last_review(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    article.body += "\n\nA sentence added after the review.\n"
    services.article_save(article=article, user=None)
    assert "Added: A sentence added after the review." in pack_of(editor_client, article)


def test_a_clinician_signs_off_from_the_pack_and_a_writer_may_not(editor_client, writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    assert "Only a clinical reviewer can sign off" in pack_of(writer_client, article)
    assert 'value="I have reviewed this article: sign it off"' in pack_html(editor_client, article)
    response = editor_client.post(f"/admin/articles/article/{article.pk}/sign-off/")
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).last_reviewed == timezone.localdate()


def test_the_reviews_due_list_links_to_each_pack(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    Article.objects.filter(pk=article.pk).update(next_review_due=timezone.localdate())
    html = editor_client.get("/admin/articles/article/reviews-due/").content.decode()
    assert f'href="/admin/articles/article/{article.pk}/review/"' in html


def test_the_article_list_sorts_by_the_share_of_not_useful(editor_client):
    worse, better = (Article.objects.get(slug=s) for s in ("multiple-sclerosis", "muscle-cramps"))
    for article in (worse, better):
        Article.objects.filter(pk=article.pk).update(last_reviewed=timezone.localdate())
    answer(worse, False)
    answer(better, False)
    answer(better, True)
    answer(better, True)
    listing = editor_client.get("/admin/articles/article/").content.decode()
    sort = re.search(r'<a href="(\?o=[\d.]+)">Not useful \(since review\)</a>', listing)
    html = editor_client.get("/admin/articles/article/" + sort.group(1)).content.decode()
    assert "1 of 1" in html and "1 of 3" in html
    rows = re.findall(r'<th class="field-title"><a [^>]*>([^<]+)</a>', html)
    assert rows.index(better.title) < rows.index(worse.title)  # a third, then all
