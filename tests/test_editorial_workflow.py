"""Editors keep every version, prepare changes out of public view, and publish after sign-off."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, PendingChange
from articles.reviews import signed_off_on
from support.admin_forms import article_form_data
from support.pages import main_text, text_of

pytestmark = pytest.mark.django_db

CHANGE = "/admin/articles/article/{pk}/change/"


def admin_url(article: Article, page: str) -> str:
    return f"/admin/articles/article/{article.pk}/{page}/"


def public_text(article: Article) -> str:
    return main_text(Client().get(article.get_absolute_url()).content.decode())


# History, differences and restore


def test_every_saved_change_is_kept_with_who_made_it(editor_client, editor):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    before = article.history.count()
    response = editor_client.post(
        CHANGE.format(pk=article.pk),
        article_form_data(article, summary="A new summary for the history."),
    )
    assert response.status_code == 302
    latest = article.history.first()
    assert article.history.count() == before + 1
    assert latest.summary == "A new summary for the history."
    assert latest.history_user == editor

    history_page = editor_client.get(admin_url(article, "history")).content.decode()
    assert "A new summary for the history." in history_page  # the "Changes" column
    assert "editor" in text_of(history_page)


def test_two_versions_can_be_compared_line_by_line(editor_client):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    old_version = article.history.first()
    new_body = "A line the editor added.\n\n" + article.body
    assert new_body != article.body
    editor_client.post(CHANGE.format(pk=article.pk), article_form_data(article, body=new_body))
    new_version = Article.objects.get(pk=article.pk).history.first()

    page = editor_client.get(
        admin_url(article, "compare"),
        {"from": old_version.history_id, "to": new_version.history_id},
    ).content.decode()
    assert '<ins><span class="visually-hidden">Added: </span>A line the editor added.</ins>' in page
    assert 'id="diff-body"' in page
    assert 'id="diff-summary"' not in page  # unchanged fields are left out


def test_comparing_versions_with_nonsense_ids_goes_back_to_the_history(editor_client):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    response = editor_client.get(admin_url(article, "compare"), {"from": "x", "to": "<b>"})
    assert response.status_code == 302
    assert response["Location"].endswith(admin_url(article, "history"))
    missing = editor_client.get(admin_url(article, "compare"), {"from": 999999, "to": 999998})
    assert missing.status_code == 404


def test_an_earlier_version_can_be_restored_and_the_page_shows_it(editor_client):
    article = Article.objects.get(slug="twitching-in-the-stomach")
    original = article.history.first()
    versions = article.history.count()
    editor_client.post(
        CHANGE.format(pk=article.pk),
        article_form_data(article, body=article.body + "\n\nA mistaken sentence.\n"),
    )
    assert "A mistaken sentence." in public_text(article)

    revert_url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/"
    form_page = editor_client.get(revert_url)
    assert form_page.status_code == 200
    # The form holds the earlier text; above it, what restoring it takes away.
    assert "A mistaken sentence.</textarea>" not in form_page.content.decode()
    assert (
        '<del><span class="visually-hidden">Removed: </span>A mistaken sentence.</del>'
        in form_page.content.decode()
    )
    response = editor_client.post(revert_url, article_form_data(original.instance))
    assert response.status_code == 302, response.content.decode()[:3000]

    assert "A mistaken sentence." not in public_text(article)
    assert Article.objects.get(pk=article.pk).body == original.body.strip()
    assert Article.objects.get(pk=article.pk).history.count() == versions + 2


def test_restoring_a_deleted_article_shows_all_it_brings_back(editor_client):
    article = Article.objects.get(slug="twitching-in-the-stomach")
    pk, version = article.pk, article.history.first()
    article.delete()
    page = editor_client.get(f"/admin/articles/article/{pk}/history/{version.history_id}/")
    assert page.status_code == 200
    assert "What restoring this version changes" in text_of(page.content.decode())
    assert f"Added: {version.title}" in text_of(page.content.decode())


def test_a_history_version_with_a_nonsense_id_is_not_found(editor_client):
    article = Article.objects.get(slug="twitching-in-the-stomach")
    for version_id in ("999999", "x"):
        page = editor_client.get(f"/admin/articles/article/{article.pk}/history/{version_id}/")
        assert page.status_code == 404


# Pending drafts, preview and publishing after sign-off


def save_pending(client: Client, article: Article, **changes):
    return client.post(
        CHANGE.format(pk=article.pk),
        article_form_data(article, **changes) | {"_save_draft": "Save as pending draft"},
    )


def test_a_pending_draft_leaves_the_public_page_unchanged(writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    response = save_pending(writer_client, article, body=article.body + "\n\nA pending sentence.\n")
    assert response.status_code == 302, response.content.decode()[:3000]

    assert "A pending sentence." not in public_text(article)
    assert "A pending sentence." not in Article.objects.get(pk=article.pk).body
    assert "A pending sentence." in PendingChange.objects.get(article=article).fields["body"]
    # The editor carries on from the pending text.
    form = writer_client.get(CHANGE.format(pk=article.pk)).content.decode()
    assert "A pending sentence." in form
    assert "Pending changes, not yet published" in form


def test_the_preview_shows_the_pending_page_marked_as_a_preview_for_staff_only(writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    save_pending(writer_client, article, title="Multiple sclerosis (MS), revised")

    preview = writer_client.get(admin_url(article, "preview"))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<h1>Multiple sclerosis (MS), revised</h1>" in html
    assert "Preview." in text_of(html)
    assert "<title>Preview: " in html
    assert {"private", "no-store"} <= set(preview["Cache-Control"].split(", "))
    assert "noindex" in preview["X-Robots-Tag"]
    # Rendered like the real page: same template, same care cards.
    assert 'class="care-card' in html

    anonymous = Client().get(admin_url(article, "preview"))
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]


def test_a_writer_cannot_change_a_published_page_directly(writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    response = writer_client.post(
        CHANGE.format(pk=article.pk),
        article_form_data(article, body=article.body + "\n\nStraight to the public.\n"),
    )
    assert response.status_code == 200
    assert "Save as pending draft" in response.content.decode()
    assert "sign-off" in text_of(response.content.decode())
    assert "Straight to the public." not in public_text(article)


def test_a_writer_cannot_publish_a_new_article(writer_client):
    response = writer_client.post(
        "/admin/articles/article/add/",
        {
            "title": "New page",
            "slug": "new-page",
            "kind": "symptom",
            "status": "published",
            "summary": "A summary.",
            "body": "Text.",
            "last_reviewed": "2026-11-01",
            "next_review_due": "2029-11-01",
        },
    )
    assert response.status_code == 200
    assert "Only a clinical reviewer can publish" in response.content.decode()
    assert not Article.objects.filter(slug="new-page").exists()


def test_a_pending_draft_holds_only_text_changes(writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    response = save_pending(writer_client, article, slug="ms-moved")
    assert response.status_code == 200
    assert "Undo your changes to: Slug" in text_of(response.content.decode())
    assert not PendingChange.objects.exists()


def test_a_writer_cannot_publish_a_pending_change(writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    save_pending(writer_client, article, summary="A pending summary.")
    page = writer_client.get(admin_url(article, "publish")).content.decode()
    assert "Only a clinical reviewer" in page
    assert writer_client.post(admin_url(article, "publish")).status_code == 403
    assert Article.objects.get(pk=article.pk).summary != "A pending summary."


def test_a_reviewer_signs_off_and_publishes_the_pending_change(
    writer_client, editor_client, editor
):
    article = Article.objects.get(slug="multiple-sclerosis")
    save_pending(writer_client, article, body=article.body + "\n\nA signed-off sentence.\n")

    confirm = editor_client.get(admin_url(article, "publish")).content.decode()
    assert "A signed-off sentence." in confirm  # the reviewer sees what changes
    response = editor_client.post(admin_url(article, "publish"))
    assert response.status_code == 302

    assert "A signed-off sentence." in public_text(article)
    published = Article.objects.get(pk=article.pk)
    dates = signed_off_on(timezone.localdate())
    assert published.last_reviewed == dates.last_reviewed
    assert published.next_review_due == dates.next_review_due
    assert published.last_reviewed_by == editor
    assert not PendingChange.objects.exists()
    latest = published.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Pending change signed off and published"


def test_a_pending_change_that_became_invalid_is_not_published(writer_client, editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    save_pending(
        writer_client, article, body=article.body + "\n\nSee [[twitching-in-the-stomach]].\n"
    )
    services.article_delete(article=Article.objects.get(slug="twitching-in-the-stomach"), user=None)

    response = editor_client.post(admin_url(article, "publish"))
    assert response.status_code == 200
    assert "cannot be published yet" in response.content.decode()
    assert "[[twitching-in-the-stomach]]" in response.content.decode()
    assert PendingChange.objects.filter(article=article).exists()
    assert "See" not in Article.objects.get(pk=article.pk).body[-40:]


def test_discarding_a_pending_change_keeps_the_published_page(writer_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    save_pending(writer_client, article, summary="A summary nobody wants.")
    assert writer_client.post(admin_url(article, "discard")).status_code == 302
    assert not PendingChange.objects.exists()
    assert Article.objects.get(pk=article.pk).summary == article.summary


# Clinical sign-off


def test_signing_off_records_the_reviewer_and_sets_the_review_dates(editor_client, editor):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    Article.objects.filter(pk=article.pk).update(
        last_reviewed=date(2020, 1, 1), next_review_due=date(2023, 1, 1)
    )
    response = editor_client.post(admin_url(article, "sign-off"))
    assert response.status_code == 302

    reviewed = Article.objects.get(pk=article.pk)
    today = timezone.localdate()
    assert reviewed.last_reviewed == today
    assert reviewed.next_review_due == signed_off_on(today).next_review_due
    assert reviewed.last_reviewed_by == editor
    assert reviewed.history.first().history_change_reason == "Clinical review signed off"
    page = public_text(reviewed)
    assert f"Page last reviewed: {today:%-d %B %Y}" in page
    assert f"Next review due: {reviewed.next_review_due:%-d %B %Y}" in page


def test_only_a_clinical_reviewer_can_sign_off(writer_client):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    assert (
        "Only a clinical reviewer"
        in writer_client.get(admin_url(article, "sign-off")).content.decode()
    )
    assert writer_client.post(admin_url(article, "sign-off")).status_code == 403
    assert Article.objects.get(pk=article.pk).last_reviewed_by is None
