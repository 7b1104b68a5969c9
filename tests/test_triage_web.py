"""The symptom check through the browser's eyes: two steps, the outcome, errors, repeats."""

import pytest
from django.test import Client

from support.pages import elements_of, main_text, text_of
from support.triage_forms import STEP_ONE as CALM_STEP_ONE
from support.triage_forms import VALID, form_key, hidden_fields, post
from triage.models import Submission
from triage.rules import RULES_VERSION, STEP_ONE, STEP_TWO

pytestmark = pytest.mark.django_db

STEP_TWO_ANSWERS = {k: v for k, v in VALID.items() if k not in CALM_STEP_ONE}


def checked(html: str) -> set[tuple[str, str]]:
    return {(a["name"], a["value"]) for tag, a in elements_of(html) if "checked" in a}


def test_step_one_asks_the_age_and_the_emergency_signs_with_nothing_preselected(client):
    response = client.get("/triage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == len(STEP_ONE)
    for question in STEP_ONE:
        assert question.label in html
        for choice in question.offered:
            assert f'value="{choice.value}"' in html
    assert "Where is the twitching?" not in html
    assert not checked(html)
    assert "It cannot examine you." in text_of(html)
    assert ("step", "1") in hidden_fields(html)


def test_home_and_every_article_link_to_the_symptom_check(client):
    for url in ("/", "/articles/multiple-sclerosis/", "/articles/twitching-in-the-stomach/"):
        assert 'href="/triage/">Check your symptoms</a>' in client.get(url).content.decode()


def test_no_emergency_sign_leads_to_step_two_carrying_step_one_in_hidden_fields(client):
    key = form_key(client)
    response = post(client, CALM_STEP_ONE, key=key, step=1)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == len(STEP_TWO)
    assert "About the twitching" in text_of(html)
    carried = hidden_fields(html)
    assert ("form_key", key) in carried and ("step", "2") in carried
    assert ("age", "16_or_over") in carried and ("emergency", "none") in carried
    assert "16 or over" in main_text(html)  # what they said, shown back to them
    assert not Submission.objects.exists()


@pytest.mark.parametrize("sign", ["stroke_signs", "heart_attack_signs", "meningitis_signs"])
def test_an_emergency_sign_at_step_one_shows_the_emergency_outcome_and_stores_step_one(
    client, sign
):
    response = post(client, {"age": "16_or_over", "emergency": [sign]}, step=1)
    html = response.content.decode()
    assert 'data-level="emergency"' in html
    assert "Call 112 now" in main_text(html)
    submission = Submission.objects.get()
    assert submission.answers == {"age": "16_or_over", "emergency": [sign]}
    assert (submission.level, submission.reason_codes) == ("emergency", [f"emergency_{sign}"])


def test_a_child_under_5_at_step_one_gets_the_under_5_outcome(client):
    response = post(client, {"age": "under_5", "emergency": ["none"]}, step=1)
    assert "This check cannot assess children under 5" in main_text(response.content.decode())
    submission = Submission.objects.get()
    assert submission.answers == {"age": "under_5", "emergency": ["none"]}
    assert submission.level == "urgent"


@pytest.mark.parametrize(
    ("changes", "level", "title"),
    [
        ({}, "self_care", "Your twitching is likely to be harmless"),
        ({"duration": "over_3_months"}, "routine", "Make an appointment with a GP"),
        ({"symptoms": ["fever"]}, "urgent", "Get medical help today"),
        ({"triggers": ["stopped_alcohol_or_drugs"]}, "urgent", "Get medical help today"),
    ],
)
def test_step_two_shows_the_outcome_and_stores_the_whole_check(client, changes, level, title):
    response = post(client, VALID | changes, step=2)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-level="{level}"' in html
    assert title in main_text(html)
    submission = Submission.objects.get()
    assert submission.level == level
    assert submission.rules_version == RULES_VERSION
    assert set(submission.answers) == {q.name for q in STEP_ONE + STEP_TWO}


def test_every_answer_and_no_step_gives_the_outcome_in_one_post(client):
    response = post(client, VALID | {"emergency": ["sudden_confusion"]})
    assert 'data-level="emergency"' in response.content.decode()
    assert Submission.objects.get().answers["location"] == ["shoulder"]


def test_step_one_is_checked_again_at_step_two(client):
    tampered = post(client, VALID | {"age": "adult"}, step=2)
    html = tampered.content.decode()
    assert "There is a problem" in text_of(html) and "Before we start" in text_of(html)
    assert not Submission.objects.exists()
    # A sign ticked into the hidden fields is believed: it is the safe way to be wrong.
    emergency = post(client, VALID | {"emergency": ["seizure"]}, step=2)
    assert 'data-level="emergency"' in emergency.content.decode()


def test_the_form_key_goes_from_step_one_to_the_stored_check(client):
    key = form_key(client)
    step_two = post(client, CALM_STEP_ONE, key=key, step=1).content.decode()
    carried = dict(hidden_fields(step_two))
    data = {name: value for name, value in hidden_fields(step_two) if name != "csrfmiddlewaretoken"}
    client.post("/triage/", {**data, "emergency": ["none"], **STEP_TWO_ANSWERS})
    assert Submission.objects.get().form_key == key == carried["form_key"]


def test_change_on_the_outcome_goes_back_to_step_two_ticked_and_stores_nothing_more(client):
    answers = VALID | {"symptoms": ["weakness", "cramps"], "location": ["face"]}
    outcome = post(client, answers, step=2).content.decode()
    form = [(n, v) for n, v in hidden_fields(outcome) if n != "csrfmiddlewaretoken"]
    assert ("symptoms", "weakness") in form and (
        "form_key",
        Submission.objects.get().form_key,
    ) in form
    data: dict[str, list[str]] = {}
    for name, value in form:
        data.setdefault(name, []).append(value)
    back = client.post("/triage/", {**data, "change": "2"}).content.decode()
    assert "About the twitching" in text_of(back)
    assert {("symptoms", "weakness"), ("symptoms", "cramps"), ("location", "face")} <= checked(back)
    assert ("age", "16_or_over") in hidden_fields(back)
    assert Submission.objects.count() == 1


def test_change_at_step_two_goes_back_to_step_one_and_keeps_what_was_ticked(client):
    key = form_key(client)
    data = {"form_key": key, "step": "2", **CALM_STEP_ONE, "location": ["stomach"], "change": "1"}
    step_one = client.post("/triage/", data).content.decode()
    assert "Before we start" in text_of(step_one)
    assert {("age", "16_or_over"), ("emergency", "none")} <= checked(step_one)
    assert ("location", "stomach") in hidden_fields(step_one)
    again = post(client, {**CALM_STEP_ONE, "location": ["stomach"]}, key=key, step=1)
    assert ("location", "stomach") in checked(again.content.decode())
    assert not Submission.objects.exists()


def test_change_after_an_emergency_goes_back_to_step_one(client):
    key = form_key(client)
    data = {"form_key": key, "age": "16_or_over", "emergency": ["seizure"], "change": "1"}
    html = client.post("/triage/", data).content.decode()
    assert "Before we start" in text_of(html)
    assert ("emergency", "seizure") in checked(html)
    assert not Submission.objects.exists()


def test_the_same_form_posted_again_stores_nothing_more(client):
    key = form_key(client)
    first = post(client, VALID, key=key, step=2)
    again = post(client, VALID, key=key, step=2)
    assert again.status_code == 200
    assert main_text(again.content.decode()) == main_text(first.content.decode())
    assert Submission.objects.count() == 1


def test_going_back_and_changing_the_answers_stores_the_new_check(client):
    key = form_key(client)
    post(client, VALID, key=key, step=2)
    changed = post(client, VALID | {"symptoms": ["fever"]}, key=key, step=2)
    assert 'data-level="urgent"' in changed.content.decode()
    assert sorted(Submission.objects.values_list("level", flat=True)) == ["self_care", "urgent"]
    post(client, VALID | {"symptoms": ["fever"]}, key=key, step=2)  # and refreshes it
    assert Submission.objects.count() == 2


def test_no_answer_and_no_id_ever_appears_in_a_url(client):
    response = post(client, VALID, step=2)
    assert response.status_code == 200  # the outcome is the answer to the post, not a redirect
    html = response.content.decode()
    submission = Submission.objects.get()
    links = [a.get("href", "") + a.get("action", "") for tag, a in elements_of(html)]
    assert not [link for link in links if "?" in link and "/search/" not in link]
    assert f"/{submission.pk}/" not in html
    assert all(a.get("method") == "post" for tag, a in elements_of(html) if tag == "form"
               and a.get("action") == "/triage/")  # fmt: skip


def test_missing_answers_at_step_one_show_the_error_summary_and_each_field_error(client):
    response = post(client, {}, step=1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    text = text_of(html)
    assert "There is a problem" in text
    for message, anchor in [
        ("Select how old the person with the twitching is", "#age-1"),
        ('Select any of these that are happening now, or select "None of these"', "#emergency-1"),
    ]:
        assert f'<a href="{anchor}">{message.replace(chr(34), "&quot;")}</a>' in html
        assert f"Error: {message}" in text  # the same words at the field
    assert Submission.objects.count() == 0


def test_missing_answers_at_step_two_show_the_errors_and_keep_step_one(client):
    response = post(client, CALM_STEP_ONE, step=2)
    html = response.content.decode()
    assert "<title>Error: " in html and "About the twitching" in text_of(html)
    for message, anchor in [
        ("Select where the twitching is", "#location-1"),
        ("Select how long you have had the twitching", "#duration-1"),
        ("Select how often it twitches", "#frequency-1"),
    ]:
        assert f'<a href="{anchor}">{message}</a>' in html
    assert ("age", "16_or_over") in hidden_fields(html)
    assert Submission.objects.count() == 0


def test_none_of_these_with_another_choice_is_an_error_and_answers_are_kept(client):
    response = post(client, VALID | {"symptoms": ["none", "cramps"], "location": ["face"]}, step=2)
    html = response.content.decode()
    assert "Select &quot;None of these&quot; on its own" in html
    assert {("location", "face"), ("symptoms", "cramps")} <= checked(html)
    assert Submission.objects.count() == 0
    step_one = post(client, {"age": "16_or_over", "emergency": ["none", "seizure"]}, step=1)
    assert "Select &quot;None of these&quot; on its own" in step_one.content.decode()


@pytest.mark.parametrize(
    "tampered",
    [
        VALID | {"duration": "forever"},
        VALID | {"location": ["shoulder", "moon"]},
        VALID | {"location": ["shoulder", "shoulder"]},
        VALID | {"duration": ["under_2_weeks", "over_3_months"]},
        VALID | {"symptoms": "x" * 100_000},
        VALID | {"frequency": "now_and_then\x00"},
        VALID | {"symptoms": ["seizure"]},
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
        "retired-value",
        "unknown-field-name",
        "free-text",
    ],
)
def test_tampered_posts_show_an_error_and_store_nothing(client, tampered):
    response = post(client, tampered, step=2)
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


def test_the_privacy_page_says_what_is_kept_and_for_how_long(client, settings):
    settings.TRIAGE_RETENTION_DAYS = 90
    text = main_text(client.get("/privacy/").content.decode())
    assert "What we keep" in text and "What we never keep" in text
    assert "We delete answers after 90 days." in text
    assert "how old the person is" in text
