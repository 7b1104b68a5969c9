"""Editors see which clinical reviews are overdue or due soon, in the admin and from cron."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Article
from articles.reviews import ReviewState, add_years, review_state, signed_off_on
from support.pages import text_of

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (TODAY - timedelta(days=1), ReviewState.OVERDUE),
        (TODAY, ReviewState.DUE_SOON),
        (TODAY + timedelta(days=30), ReviewState.DUE_SOON),
        (TODAY + timedelta(days=31), ReviewState.CURRENT),
    ],
)
def test_a_review_is_overdue_due_soon_or_current(due, state):
    assert review_state(due, TODAY) is state


def test_sign_off_sets_the_next_review_three_years_on_even_from_29_february():
    assert signed_off_on(TODAY).next_review_due == date(2029, 11, 23)
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)


def set_due(slug: str, due: date) -> None:
    Article.objects.filter(slug=slug).update(
        next_review_due=due, last_reviewed=due - timedelta(days=1000)
    )


@pytest.fixture
def one_overdue_one_soon(db):
    today = timezone.localdate()
    set_due("multiple-sclerosis", today - timedelta(days=3))
    set_due("twitching-in-the-stomach", today + timedelta(days=10))


def run_report(*args) -> tuple[str, int]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("articles_review_report", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


@pytest.mark.django_db
def test_the_report_exits_0_when_no_review_is_overdue():
    output, code = run_report()
    assert code == 0
    assert "Overdue: 0" in output


@pytest.mark.django_db
def test_the_report_lists_overdue_and_soon_due_reviews_and_exits_1(one_overdue_one_soon):
    output, code = run_report()
    assert code == 1
    overdue, soon = output.split("Due within 30 days")
    assert "Multiple sclerosis (MS)" in overdue
    assert "Twitching in the stomach" in soon
    assert "Twitching in the shoulder" not in output


@pytest.mark.django_db
def test_the_report_takes_a_longer_warning_period():
    set_due("twitching-in-the-shoulder", timezone.localdate() + timedelta(days=60))
    assert "Twitching in the shoulder" not in run_report()[0]
    output, code = run_report("--days", "90")
    assert code == 0
    assert "Twitching in the shoulder" in output


@pytest.mark.django_db
def test_the_admin_list_marks_overdue_and_soon_due_reviews(editor_client, one_overdue_one_soon):
    page = text_of(editor_client.get("/admin/articles/article/").content.decode())
    assert "(overdue)" in page
    assert "(due within 30 days)" in page

    overdue_only = editor_client.get("/admin/articles/article/", {"review": "overdue"})
    listed = text_of(overdue_only.content.decode())
    assert "Multiple sclerosis (MS)" in listed
    assert "Twitching in the stomach" not in listed


@pytest.mark.django_db
def test_the_reviews_due_page_lists_what_needs_review_most_overdue_first(
    editor_client, one_overdue_one_soon
):
    response = editor_client.get("/admin/articles/article/reviews-due/")
    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert page.index("Multiple sclerosis (MS)") < page.index("Twitching in the stomach")
    assert "Twitching in the shoulder" not in page
    assert "Reviews due" in text_of(editor_client.get("/admin/articles/article/").content.decode())


@pytest.mark.django_db
def test_the_reviews_due_page_is_for_staff_only(client):
    response = client.get("/admin/articles/article/reviews-due/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
