"""Anyone given a result can tell us it may be unsafe: a fixed category, stored anonymously
with the result's level and rules version, and counted per version for clinicians."""

import re

import pytest

from support.pages import main_text, text_of
from support.triage_forms import VALID, hidden_fields, post
from triage.models import SafetyConcern, Submission
from triage.rules import RULES_VERSION

pytestmark = pytest.mark.django_db

CONCERN_FORM = re.compile(r'<form class="concern-link no-print" method="post" action="([^"]+)">')


def concern_fields(outcome_html: str) -> dict[str, str]:
    """What the outcome's "Report a safety concern" button posts."""
    start = outcome_html.index('class="concern-link')
    form = outcome_html[start : outcome_html.index("</form>", start)]
    return {name: value for name, value in hidden_fields(form) if name != "csrfmiddlewaretoken"}


def open_concern_form(client, answers=VALID, **kwargs):
    outcome = post(client, answers, **kwargs).content.decode()
    response = client.post("/triage/concern/", concern_fields(outcome))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("answers", "step", "level"),
    [
        (VALID, None, "self_care"),
        ({**VALID, "duration": "over_3_months"}, None, "routine"),
        ({"age": "under_5", "emergency": ["none"]}, 1, "urgent"),
        ({"age": "16_or_over", "emergency": ["stroke_signs"]}, 1, "emergency"),
    ],
)
def test_every_outcome_offers_to_report_a_safety_concern(client, answers, step, level):
    html = post(client, answers, step=step).content.decode()
    assert CONCERN_FORM.search(html).group(1) == "/triage/concern/"
    assert "Report a safety concern" in main_text(html)
    assert concern_fields(html) == {"level": level, "rules_version": RULES_VERSION}


def test_a_safety_concern_is_stored_with_the_outcome_level_and_rules_version(client):
    form = open_concern_form(client, {**VALID, "duration": "over_3_months"})
    page = main_text(form)
    assert "Report a safety concern" in page
    assert "This does not get you medical help." in page
    for label in SafetyConcern.Category.labels:
        assert label in page
    fields = dict(hidden_fields(form))
    assert (fields["level"], fields["rules_version"]) == ("routine", RULES_VERSION)
    stored_checks = Submission.objects.count()

    sent = client.post("/triage/concern/", {**fields, "category": "wrong_advice", "send": "1"})
    assert sent.status_code == 200
    assert "Thank you for telling us" in main_text(sent.content.decode())
    concern = SafetyConcern.objects.get()
    assert (concern.category, concern.level, concern.rules_version) == (
        "wrong_advice",
        "routine",
        RULES_VERSION,
    )
    assert concern.created_hour.minute == concern.created_hour.second == 0
    assert Submission.objects.count() == stored_checks  # reporting is not another check


def test_the_same_report_sent_twice_is_stored_once_and_another_category_is_its_own(client):
    fields = dict(hidden_fields(open_concern_form(client)))
    for category in ("confusing_question", "confusing_question", "something_missing"):
        client.post("/triage/concern/", {**fields, "category": category, "send": "1"})
    assert sorted(SafetyConcern.objects.values_list("category", flat=True)) == [
        "confusing_question",
        "something_missing",
    ]


def test_a_report_without_a_category_asks_for_one_and_stores_nothing(client):
    fields = dict(hidden_fields(open_concern_form(client)))
    response = client.post("/triage/concern/", {**fields, "send": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text_of(html)
    assert 'href="#category-1">Select the kind of problem</a>' in html
    assert not SafetyConcern.objects.exists()


@pytest.mark.parametrize(
    ("tampered", "told"),
    [
        ({"level": "catastrophic"}, "use “Report a safety concern” at the end of the result page"),
        ({"rules_version": "1999-01-01.1"}, "use “Report a safety concern” at the end"),
        ({"category": "my name is Sam"}, "Select the kind of problem from the list"),
        ({"form_key": "not-a-key"}, "The form could not be read."),
    ],
)
def test_a_tampered_report_gets_a_clear_message_and_stores_nothing(client, tampered, told):
    fields = dict(hidden_fields(open_concern_form(client)))
    data = {**fields, "category": "wrong_advice", "send": "1", **tampered}
    response = client.post("/triage/concern/", data)
    assert response.status_code == 200
    assert told in main_text(response.content.decode())
    assert not SafetyConcern.objects.exists()


def test_the_report_page_reached_without_a_result_says_where_to_report_from(client):
    for response in (client.get("/triage/concern/"), client.post("/triage/concern/", {})):
        assert response.status_code == 200
        page = main_text(response.content.decode())
        assert "use “Report a safety concern” at the end of the result page" in page
        assert 'name="category"' not in response.content.decode()
    assert not SafetyConcern.objects.exists()


def test_a_concern_keeps_nothing_about_the_person(client):
    fields = dict(hidden_fields(open_concern_form(client)))
    client.post(
        "/triage/concern/",
        {**fields, "category": "wrong_advice", "send": "1"},
        HTTP_USER_AGENT="Sam's phone",
        HTTP_REFERER="https://example.org/sam",
        REMOTE_ADDR="203.0.113.9",
    )
    # The only fields there are: none can hold who sent it, from where, or their words.
    stored = SafetyConcern.objects.values().get()
    assert set(stored) == {"id", "category", "level", "rules_version", "form_key", "created_hour"}


def test_a_report_sent_with_fields_repeated_or_too_long_stores_nothing_and_explains(client):
    fields = dict(hidden_fields(open_concern_form(client)))
    for data, told in (
        (
            {**fields, "send": "1", "category": ["wrong_advice", "something_missing"]},
            "Select the kind of problem from the list",
        ),
        (
            {**fields, "send": "1", "category": "wrong_advice", "rules_version": "9" * 100_000},
            "use “Report a safety concern” at the end of the result page",
        ),
    ):
        response = client.post("/triage/concern/", data)
        assert response.status_code == 200
        assert told in main_text(response.content.decode())
    assert not SafetyConcern.objects.exists()
