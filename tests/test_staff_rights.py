"""Staff rights hold on every path into the admin: the change form, a version in the
history (revert), deleting one article or several, and a slug taken over. A viewer
changes nothing; a writer changes drafts; publishing, unpublishing, deleting or reviving
a published article, or taking a published article's old address, needs a clinician."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from articles import services
from articles.models import Article, PendingChange, SlugRedirect
from support.admin_forms import article_form_data

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
ROLES = ("viewer", "writer", "clinician")
README = Path(__file__).resolve().parents[1] / "README.md"

# Who may do what: the README's table (checked below), each row tried as each role.
RIGHTS = {
    "see articles, drafts and their history": ("viewer", "writer", "clinician"),
    "create and change a draft": ("writer", "clinician"),
    "save changes to a published article as a pending draft": ("writer", "clinician"),
    "publish or unpublish an article, or publish a pending draft": ("clinician",),
    "sign off a clinical review": ("clinician",),
    "delete a draft": ("writer", "clinician"),
    "delete a published article, or bring a deleted one back from its history": ("clinician",),
    "give a draft the old address of a published article": ("clinician",),
}
PERMISSIONS = {
    "viewer": ["view_article"],
    "writer": ["view_article", "add_article", "change_article", "delete_article"],
    "clinician": [
        "view_article", "add_article", "change_article", "delete_article", "sign_off_article",
    ],
}  # fmt: skip


def staff(role: str) -> Client:
    user = get_user_model().objects.create_user(
        username=role, password="a-long-test-password", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename__in=PERMISSIONS[role]))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(make_article):
    return make_article(title="Published page", slug="published-page")


@pytest.fixture
def draft(make_article):
    return make_article(title="Draft page", slug="draft-page", status=Article.Status.DRAFT)


def version_url(article: Article, version) -> str:
    return f"{ARTICLES}{article.pk}/history/{version.history_id}/"


def delete(client: Client, article: Article, bulk: bool):
    if bulk:
        return client.post(
            ARTICLES,
            {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
        )
    return client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"})


# 1. A version in the history is a change like any other.


@pytest.mark.parametrize("as_draft", [False, True], ids=["save", "save-as-pending-draft"])
def test_a_viewer_posting_a_version_from_the_history_is_refused_and_changes_nothing(
    published, as_draft
):
    version = published.history.first()
    data = article_form_data(published, body="Changed by a viewer.")
    if as_draft:
        data["_save_draft"] = "Save as pending draft"
    versions = published.history.count()

    response = staff("viewer").post(version_url(published, version), data)

    assert response.status_code == 403
    assert Article.objects.get(pk=published.pk).body == published.body
    assert not PendingChange.objects.exists()
    assert published.history.count() == versions


def test_a_viewer_cannot_bring_back_a_deleted_article_from_its_history(draft):
    pk, url, data = draft.pk, version_url(draft, draft.history.first()), article_form_data(draft)
    services.article_delete(article=draft, user=None)
    response = staff("viewer").post(url, data)
    assert response.status_code == 403
    assert not Article.objects.filter(pk=pk).exists()


def test_a_writer_cannot_bring_back_a_deleted_published_article_but_a_clinician_can(published):
    pk, data = published.pk, article_form_data(published)
    url = version_url(published, published.history.first())
    services.article_delete(article=published, user=None)

    refused = staff("writer").post(url, data)
    assert refused.status_code == 200  # the form again, saying why
    assert "Only a clinical reviewer can publish" in refused.content.decode()
    assert not Article.objects.filter(pk=pk).exists()

    allowed = staff("clinician").post(url, data)
    assert allowed.status_code == 302
    assert Article.objects.get(pk=pk).is_published


def test_a_writer_may_restore_an_earlier_version_of_a_draft(draft):
    version = draft.history.first()
    writer = staff("writer")
    writer.post(f"{ARTICLES}{draft.pk}/change/", article_form_data(draft, body="Later text."))
    response = writer.post(version_url(draft, version), article_form_data(draft))
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).body == draft.body


# 2. Deleting a published article needs a clinician, singly or in bulk.


@pytest.mark.parametrize("bulk", [False, True], ids=["one", "bulk-action"])
def test_a_writer_cannot_delete_a_published_article(published, bulk):
    response = delete(staff("writer"), published, bulk)
    assert response.status_code == 403
    assert Article.objects.filter(pk=published.pk).exists()


def test_a_bulk_delete_with_one_published_article_among_drafts_deletes_none(published, draft):
    response = staff("writer").post(
        ARTICLES,
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Article.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2


@pytest.mark.parametrize("bulk", [False, True], ids=["one", "bulk-action"])
def test_a_writer_may_delete_a_draft_and_a_clinician_a_published_article(published, draft, bulk):
    assert delete(staff("writer"), draft, bulk).status_code == 302
    assert delete(staff("clinician"), published, bulk).status_code == 302
    assert not Article.objects.filter(pk__in=[draft.pk, published.pk]).exists()


def test_the_delete_page_is_refused_to_a_writer_for_a_published_article(published):
    assert staff("writer").get(f"{ARTICLES}{published.pk}/delete/").status_code == 403


# 3. A published article's old address keeps redirecting to it.


def moved(published: Article) -> Article:
    """The published article, moved to a new slug: its old one redirects to it."""
    old = published.slug
    published.slug = f"{old}-moved"
    services.article_save(article=published, user=None)
    assert SlugRedirect.objects.filter(old_slug=old, article=published).exists()
    return published


def test_a_writer_cannot_give_a_draft_a_published_articles_old_address(published, draft):
    moved(published)
    data = article_form_data(draft, slug="published-page")
    response = staff("writer").post(f"{ARTICLES}{draft.pk}/change/", data)
    assert response.status_code == 200
    assert "old address of the published article" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).slug == "draft-page"
    assert (
        Client()
        .get("/articles/published-page/")["Location"]
        .endswith("/articles/published-page-moved/")
    )


def test_a_clinician_may_give_a_draft_a_published_articles_old_address(published, draft):
    moved(published)
    data = article_form_data(draft, slug="published-page")
    assert staff("clinician").post(f"{ARTICLES}{draft.pk}/change/", data).status_code == 302
    assert not SlugRedirect.objects.filter(old_slug="published-page").exists()


# The README's table


def test_the_readme_states_the_rights_the_admin_enforces():
    section = README.read_text().split("### Who may do what", 1)[1]
    rows = re.search(r"^\| What .*?(?=\n\n)", section, re.DOTALL | re.MULTILINE)[0]
    table = {}
    for row in rows.splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        marks = zip(ROLES, cells[1:], strict=True)
        table[cells[0].lower()] = tuple(role for role, mark in marks if mark == "yes")
    assert table == RIGHTS


def action_works(role: str, action: str, make_article) -> bool:
    """Try `action` as `role` through the admin; whether it took effect."""
    client = staff(role)
    draft = make_article(title="A draft", slug="a-draft", status=Article.Status.DRAFT)
    published = make_article(title="A published page", slug="a-published-page")
    change = f"{ARTICLES}{{}}/change/"
    if action.startswith("see"):
        pages = [ARTICLES, change.format(draft.pk), f"{ARTICLES}{draft.pk}/history/"]
        return all(client.get(page).status_code == 200 for page in pages)
    if action.startswith("create"):
        client.post(change.format(draft.pk), article_form_data(draft, body="New text."))
        return Article.objects.get(pk=draft.pk).body == "New text."
    if action.startswith("save changes"):
        data = article_form_data(published, body="Pending.") | {"_save_draft": "Save draft"}
        client.post(change.format(published.pk), data)
        return PendingChange.objects.filter(article=published).exists()
    if action.startswith("publish"):
        client.post(change.format(draft.pk), article_form_data(draft, status="published"))
        return Article.objects.get(pk=draft.pk).is_published
    if action.startswith("sign off"):
        client.post(f"{ARTICLES}{published.pk}/sign-off/")
        return Article.objects.get(pk=published.pk).last_reviewed_by is not None
    if action == "delete a draft":
        delete(client, draft, bulk=False)
        return not Article.objects.filter(pk=draft.pk).exists()
    if action.startswith("delete a published"):
        delete(client, published, bulk=False)
        return not Article.objects.filter(pk=published.pk).exists()
    if action.startswith("give a draft"):
        moved(published)
        client.post(change.format(draft.pk), article_form_data(draft, slug="a-published-page"))
        return Article.objects.get(pk=draft.pk).slug == "a-published-page"
    raise AssertionError(f"no way to try {action!r}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", RIGHTS)
def test_each_role_may_do_what_the_table_says_and_nothing_more(role, action, make_article):
    assert action_works(role, action, make_article) == (role in RIGHTS[action])
