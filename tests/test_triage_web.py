"""The symptom check through the browser's eyes: the form, the outcome, errors, repeats."""

import pytest
from django.test import Client

from pages import elements_of, main_text, text_of
from triage.models import Submission
from triage.rules import QUESTIONS, RULES_VERSION
from triage_forms import VALID, form_key, post

pytestmark = pytest.mark.django_db


def test_the_form_asks_every_question_in_a_fieldset_with_nothing_preselected(client):
    response = client.get("/triage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == len(QUESTIONS)
    for question in QUESTIONS:
        assert question.label in html
        for choice in question.choices:
            assert f'value="{choice.value}"' in html
    assert not [attrs for tag, attrs in elements_of(html) if "checked" in attrs]
    assert 'href="/privacy/"' in html


def test_home_and_every_article_link_to_the_symptom_check(client):
    for url in ("/", "/articles/multiple-sclerosis/", "/articles/twitching-in-the-stomach/"):
        assert 'href="/triage/">Check your symptoms</a>' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("answers", "level", "title"),
    [
        (VALID, "self_care", "Your twitching is likely to be harmless"),
        (VALID | {"duration": "over_3_months"}, "routine", "Make an appointment with a GP"),
        (VALID | {"symptoms": ["fever_or_very_unwell"]}, "urgent", "Get medical help today"),
        (VALID | {"symptoms": ["breathing_difficulty"]}, "emergency", "Call 112 now"),
    ],
)
def test_valid_answers_store_one_check_and_show_the_outcome(client, answers, level, title):
    response = post(client, answers)
    assert response.status_code == 200
    assert f'data-level="{level}"' in response.content.decode()
    assert title in main_text(response.content.decode())
    submission = Submission.objects.get()
    assert submission.level == level
    assert submission.rules_version == RULES_VERSION


def test_the_outcome_repeats_the_answers_and_gives_reasons_advice_and_articles(client):
    answers = VALID | {"location": ["shoulder", "stomach"], "symptoms": ["weakness"]}
    text = main_text(post(client, answers).content.decode())
    assert "Shoulder, Stomach" in text
    assert "Why we say this" in text
    assert "Read about Amyotrophic lateral sclerosis (ALS)" in text
    assert "Things you can do" in text and "Caffeine" in text
    assert "When to get help sooner" in text and "Call 112 now if you have:" in text
    assert "Twitching in the shoulder" in text and "Twitching in the stomach" in text
    assert "Start again" in text and "Print" in text
    assert "Checked on" in text


def test_the_outcome_page_is_never_cached(client):
    response = post(client, VALID)
    assert "no-store" in response["Cache-Control"]


def test_the_same_form_posted_again_stores_nothing_more(client):
    key = form_key(client)
    first = post(client, VALID, key=key)
    again = post(client, VALID, key=key)
    assert again.status_code == 200
    assert main_text(again.content.decode()) == main_text(first.content.decode())
    assert Submission.objects.count() == 1


def test_no_answer_and_no_id_ever_appears_in_a_url(client):
    response = post(client, VALID)
    assert response.status_code == 200  # the outcome is the answer to the post, not a redirect
    assert 'method="post"' in client.get("/triage/").content.decode()
    submission = Submission.objects.get()
    assert f"/{submission.pk}/" not in response.content.decode()
    assert submission.form_key not in response.content.decode()


def test_missing_answers_show_the_error_summary_and_each_field_error(client):
    response = post(client, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    text = text_of(html)
    assert "There is a problem" in text
    for message, anchor in [
        ("Select where the twitching is", "#location-1"),
        ("Select how long you have had the twitching", "#duration-1"),
        ("Select how often it twitches", "#frequency-1"),
    ]:
        assert f'<a href="{anchor}">{message}</a>' in html
        assert f"Error: {message}" in text  # the same words at the field
    assert Submission.objects.count() == 0


def test_none_of_these_with_another_symptom_is_an_error_and_answers_are_kept(client):
    response = post(client, VALID | {"symptoms": ["none", "cramps"], "location": ["face"]})
    html = response.content.decode()
    assert "Select &quot;None of these&quot; on its own" in html
    assert 'value="face" checked' in html
    assert 'value="cramps" checked' in html
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "tampered",
    [
        VALID | {"duration": "forever"},
        VALID | {"location": ["shoulder", "moon"]},
        VALID | {"location": ["shoulder", "shoulder"]},
        VALID | {"duration": ["under_2_weeks", "over_3_months"]},
        VALID | {"symptoms": "x" * 100_000},
        VALID | {"frequency": "now_and_then\x00"},
        VALID | {"name": "Ada Lovelace"},
        VALID | {"notes": "free text"},
    ],
    ids=[
        "unknown-radio-value",
        "unknown-checkbox-value",
        "repeated-checkbox",
        "repeated-radio",
        "huge-value",
        "nul-byte",
        "unknown-field-name",
        "free-text",
    ],
)
def test_tampered_posts_show_an_error_and_store_nothing(client, tampered):
    response = post(client, tampered)
    assert response.status_code == 200
    assert "There is a problem" in text_of(response.content.decode())
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("key", ["", "not-a-key", "0" * 31, "g" * 32, "0" * 33])
def test_a_missing_or_bad_form_key_is_an_error_and_stores_nothing(client, key):
    response = client.post("/triage/", {"form_key": key, **VALID})
    assert "The form could not be read" in text_of(response.content.decode())
    assert Submission.objects.count() == 0
    assert post(client, VALID, key=form_key(client)).status_code == 200  # a fresh form works


def test_a_post_without_a_csrf_token_gets_a_clear_page_and_stores_nothing():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/triage/", {"form_key": "0" * 32, **VALID})
    assert response.status_code == 403
    assert "Your answers could not be sent" in text_of(response.content.decode())
    assert Submission.objects.count() == 0


def test_too_many_fields_get_a_400_page_not_a_crash(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    data = {"form_key": form_key(client), **VALID, "location": ["shoulder"] * 100}
    response = client.post("/triage/", data)
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_other_methods_get_405(client):
    assert client.put("/triage/").status_code == 405
    assert client.delete("/triage/").status_code == 405


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, settings):
    settings.TRIAGE_RETENTION_DAYS = 90
    text = main_text(client.get("/privacy/").content.decode())
    assert "What we keep" in text and "What we never keep" in text
    assert "We delete answers after 90 days." in text


def test_going_back_and_changing_the_answers_stores_the_new_check(client):
    key = form_key(client)
    post(client, VALID, key=key)
    changed = post(client, VALID | {"symptoms": ["breathing_difficulty"]}, key=key)
    assert 'data-level="emergency"' in changed.content.decode()
    assert sorted(Submission.objects.values_list("level", flat=True)) == ["emergency", "self_care"]
    post(client, VALID | {"symptoms": ["breathing_difficulty"]}, key=key)  # and refreshes it
    assert Submission.objects.count() == 2
