"""An editor changes an article in the admin and sees the change on the public page."""

import pytest
from django.test import Client

from articles.models import Article
from support.admin_forms import article_form_data
from support.pages import main_text, script_vectors, text_of

pytestmark = pytest.mark.django_db

ADMIN_CHANGE = "/admin/articles/article/{pk}/change/"


def test_editor_logs_in_changes_a_body_and_the_page_shows_it_at_once(editor):
    client = Client()
    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a-long-test-password"},
    )
    assert login.status_code == 302
    article = Article.objects.get(slug="multiple-sclerosis")
    change_page = client.get(ADMIN_CHANGE.format(pk=article.pk))
    assert change_page.status_code == 200
    assert "[[slug]]" in change_page.content.decode()  # the syntax help

    new_body = article.body + "\n\nA sentence the editor just added.\n"
    response = client.post(
        ADMIN_CHANGE.format(pk=article.pk), article_form_data(article, body=new_body)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "A sentence the editor just added." in main_text(
        Client().get(article.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[Read more](javascript:alert(1))",
    ],
)
def test_script_saved_in_the_admin_never_runs_on_the_page(editor_client, attack):
    article = Article.objects.get(slug="multiple-sclerosis")
    body = f"{article.body}\n\n{attack}\n"
    response = editor_client.post(
        ADMIN_CHANGE.format(pk=article.pk), article_form_data(article, body=body)
    )
    assert response.status_code == 302
    assert script_vectors(Client().get(article.get_absolute_url()).content.decode()) == []


def test_a_link_to_a_missing_article_is_refused_with_an_error_naming_it(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    body = article.body + "\n\nSee [[parkinsons-disease]] too.\n"
    response = editor_client.post(
        ADMIN_CHANGE.format(pk=article.pk), article_form_data(article, body=body)
    )
    assert response.status_code == 200
    assert "These links point to no published article: [[parkinsons-disease]]" in (
        response.content.decode()
    )
    assert "parkinsons-disease" not in Article.objects.get(pk=article.pk).body


def test_a_link_written_as_an_article_url_is_checked_too(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    body = article.body + "\n\nSee [this](/articles/gone/).\n"
    response = editor_client.post(
        ADMIN_CHANGE.format(pk=article.pk), article_form_data(article, body=body)
    )
    assert response.status_code == 200
    assert "[[gone]]" in response.content.decode()


def test_a_new_article_saved_in_the_admin_records_what_it_links_to(editor_client):
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Twitching in the eyelid",
            "slug": "twitching-in-the-eyelid",
            "kind": "symptom",
            "status": "published",
            "summary": "Eyelid twitches.",
            "body": "## About\n\nLike [[twitching-in-the-shoulder]].\n",
            "sources": "",
            "last_reviewed": "2026-11-22",
            "next_review_due": "2029-11-22",
        },
    )
    assert response.status_code == 302
    shoulder = Article.objects.get(slug="twitching-in-the-shoulder")
    assert shoulder.linked_from.filter(slug="twitching-in-the-eyelid").exists()
    change = editor_client.get(ADMIN_CHANGE.format(pk=shoulder.pk)).content.decode()
    assert "Twitching in the eyelid" in change  # listed under "What links here"


def test_the_article_list_in_the_admin_marks_overdue_reviews(editor_client, make_article):
    make_article(last_reviewed="2020-01-01", next_review_due="2023-01-01")
    html = editor_client.get("/admin/articles/article/").content.decode()
    assert "(overdue)" in html


def test_the_admin_is_refused_to_the_public(client):
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_saving_in_the_admin_keeps_the_related_articles(editor_client):
    article = Article.objects.get(slug="multiple-sclerosis")
    related = set(article.related.values_list("slug", flat=True))
    assert len(related) >= 3
    editor_client.post(ADMIN_CHANGE.format(pk=article.pk), article_form_data(article))
    assert set(article.related.values_list("slug", flat=True)) == related


def test_an_unknown_block_type_is_refused_with_the_known_types_named(editor_client, make_article):
    article = make_article(slug="blocks", title="Blocks")
    url = f"/admin/articles/article/{article.pk}/change/"
    body = '!!! urgnt "See a GP if:"\n    - it spreads\n'
    response = editor_client.post(url, article_form_data(article, body=body))
    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert "Unknown block type “urgnt”. Use one of: emergency, urgent, non-urgent, note." in page
    assert Article.objects.get(pk=article.pk).body == article.body


def test_a_clinical_note_is_saved_and_shown_as_an_inset(editor_client, make_article, client):
    article = make_article(slug="noted", title="Noted")
    url = f"/admin/articles/article/{article.pk}/change/"
    body = 'Some text.\n\n!!! note "Reviewer\'s note"\n    Checked against NICE NG127.\n'
    assert editor_client.post(url, article_form_data(article, body=body)).status_code == 302
    html = client.get("/articles/noted/").content.decode()
    assert 'class="inset-text"' in html and "Checked against NICE NG127." in html
