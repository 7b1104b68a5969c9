"""Readers say whether a page helped, with two buttons and no script, cookie or token;
only the listed fields are stored, and only posts from the site's own pages count."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from feedback.models import Feedback
from support.pages import text_of
from support.triage_forms import VALID, post
from triage.rules import RULES_VERSION

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/multiple-sclerosis/"
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}
FEEDBACK_FORM = re.compile(r'<section class="feedback[^"]*" id="feedback".*?</section>', re.S)


def feedback_form(html: str) -> dict[str, str]:
    """What the page's feedback form would send, but the answer."""
    form = FEEDBACK_FORM.search(html).group(0)
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))


def send(data: dict, **headers):
    return Client().post("/feedback/", data, **(SAME_SITE | headers))


def test_an_article_asks_if_it_is_useful_with_two_buttons_and_sets_no_cookie(client):
    response = client.get(ARTICLE)
    html = response.content.decode()
    assert "Is this page useful?" in text_of(html)
    assert 'name="useful" value="yes">Yes</button>' in html
    assert 'name="useful" value="no">No</button>' in html
    assert "csrfmiddlewaretoken" not in FEEDBACK_FORM.search(html).group(0)
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_yes_on_an_article_stores_the_article_and_the_version_seen(client):
    article = Article.objects.get(slug="multiple-sclerosis")
    fields = feedback_form(client.get(ARTICLE).content.decode())
    assert fields["version"] == str(article.history.latest().history_id)
    response = send(fields | {"useful": "yes"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert f'href="{ARTICLE}#feedback"' in response.content.decode()
    stored = Feedback.objects.get()
    assert (stored.kind, stored.article, stored.article_version, stored.useful) == (
        "article", article, article.history.latest().history_id, True
    )  # fmt: skip
    assert stored.created_hour.minute == stored.created_hour.second == 0


def test_no_asks_why_from_a_fixed_list_then_stores_once_with_the_reason(client):
    fields = feedback_form(client.get(ARTICLE).content.decode())
    follow_up = send(fields | {"useful": "no"})
    assert follow_up.status_code == 200
    assert "no-store" in follow_up["Cache-Control"]
    html = follow_up.content.decode()
    values = re.findall(r'name="reason" type="radio" value="([a-z_]+)"', html)
    assert values == ["hard_to_understand", "missing", "out_of_date_or_wrong", "more_worried",
                      "other"]  # fmt: skip
    assert "<textarea" not in html and 'type="text" tabindex="-1"' in html  # only the honeypot
    assert Feedback.objects.count() == 0
    carried = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    send(carried | {"reason": "more_worried", "send": "1"})
    stored = Feedback.objects.get()
    assert (stored.useful, stored.reason) == (False, "more_worried")


def test_no_without_a_reason_is_stored_too(client):
    fields = feedback_form(client.get(ARTICLE).content.decode())
    send(fields | {"useful": "no", "send": "1"})
    assert Feedback.objects.get().reason == ""


def test_an_outcome_asks_if_it_helped_and_stores_its_level_and_rules_version(client):
    html = post(client, VALID).content.decode()
    assert "Did this help you decide what to do?" in text_of(html)
    fields = feedback_form(html)
    send(fields | {"useful": "yes"})
    stored = Feedback.objects.get()
    assert (stored.kind, stored.rules_version, stored.article) == ("outcome", RULES_VERSION, None)
    assert stored.level == fields["level"]


def test_the_emergency_outcome_asks_nothing(client):
    html = post(client, {"age": "16_or_over", "emergency": ["seizure"]}, step=1).content.decode()
    assert "Did this help you decide" not in text_of(html)


def test_the_stored_row_holds_only_the_listed_fields():
    columns = {c.name for c in connection.introspection.get_table_description(
        connection.cursor(), Feedback._meta.db_table)}  # fmt: skip
    assert columns == {"id", "kind", "useful", "reason", "article_id", "article_version",
                       "level", "rules_version", "created_hour"}  # fmt: skip


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_SEC_FETCH_SITE": "same-site"}],
)
def test_a_post_from_another_site_or_none_is_refused(client, headers):
    fields = feedback_form(client.get(ARTICLE).content.decode())
    response = Client().post("/feedback/", fields | {"useful": "yes"}, **headers)
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_an_origin_header_of_this_site_is_enough_without_sec_fetch_site(client):
    fields = feedback_form(client.get(ARTICLE).content.decode())
    ours = Client().post("/feedback/", fields | {"useful": "yes"}, HTTP_ORIGIN="http://testserver")
    theirs = Client().post(
        "/feedback/", fields | {"useful": "yes"}, HTTP_ORIGIN="https://evil.example"
    )
    assert (ours.status_code, theirs.status_code) == (200, 400)
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"useful": "maybe"},
        {"reason": "free text"},
        {"kind": "page"},
        {"version": "1"},
        {"article": "no-such-article"},
        {"version": "x"},
        {"unexpected": "1"},
    ],
)
def test_anything_but_the_fixed_values_is_refused_and_stores_nothing(client, change):
    fields = feedback_form(client.get(ARTICLE).content.decode()) | {"useful": "no", "send": "1"}
    data = {k: v for k, v in (fields | change).items() if v is not None}
    assert send(data).status_code == 400
    assert Feedback.objects.count() == 0


def test_an_outcome_of_another_rules_version_or_the_emergency_is_refused():
    for change in ({"rules_version": "1999-01-01.1"}, {"level": "emergency"}):
        data = {"kind": "outcome", "level": "routine", "rules_version": RULES_VERSION} | change
        assert send(data | {"useful": "yes"}).status_code == 400
    assert Feedback.objects.count() == 0


def test_a_filled_honeypot_is_thanked_and_stores_nothing(client):
    fields = feedback_form(client.get(ARTICLE).content.decode())
    response = send(fields | {"useful": "yes", "website": "http://spam.example"})
    assert "Thank you" in text_of(response.content.decode())
    assert Feedback.objects.count() == 0


def test_feedback_past_the_limit_gets_the_friendly_429(client, limit):
    limit("feedback", 2)
    fields = feedback_form(client.get(ARTICLE).content.decode()) | {"useful": "yes"}
    assert [send(fields).status_code for _ in range(3)] == [200, 200, 429]
    assert Feedback.objects.count() == 2


def test_purging_old_checks_purges_old_feedback_too(client):
    fields = feedback_form(client.get(ARTICLE).content.decode())
    send(fields | {"useful": "yes"})
    Feedback.objects.update(created_hour="2000-01-01T00:00:00Z")
    call_command("purge_submissions", stdout=__import__("io").StringIO())
    assert Feedback.objects.count() == 0


FIELDS = ["kind", "useful", "reason", "article", "version", "level", "rules_version", "send",
          "website", "other"]  # fmt: skip


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=40), max_size=9))
def test_any_post_gets_a_page_never_an_error_and_stores_only_what_is_valid(data):
    response = Client(raise_request_exception=False).post("/feedback/", data, **SAME_SITE)
    assert response.status_code in (200, 400, 429)
    for stored in Feedback.objects.all():
        assert stored.kind in ("article", "outcome") and stored.reason in ("", *Feedback.Reason)
