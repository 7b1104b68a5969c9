"""Each presentation the clinical safety review found under-triaged or badly advised, by name.

The first edition's answers are given as a person would now give them.
"""

import pytest

from support.pages import main_text
from support.triage_forms import VALID, post
from triage.engine import assess
from triage.rules import CareLevel

EMERGENCY, URGENT = CareLevel.EMERGENCY, CareLevel.URGENT
ADULT = {"age": "16_or_over"}


def emergency(*signs: str) -> CareLevel:
    return assess({**ADULT, "emergency": list(signs)}).level


def twitching(**changes) -> dict:
    return VALID | changes


def test_suddenly_slurred_speech_is_an_emergency():
    assert emergency("stroke_signs") is EMERGENCY


@pytest.mark.parametrize(
    "presentation",
    ["sudden loss of vision", "sudden double vision", "sudden unsteadiness"],
)
def test_sudden_loss_of_vision_double_vision_or_unsteadiness_is_an_emergency(presentation):
    assert emergency("sudden_vision_or_balance") is EMERGENCY


def test_sudden_weakness_of_one_hand_is_an_emergency():
    assert emergency("stroke_signs") is EMERGENCY


def test_a_high_temperature_with_a_stiff_neck_is_an_emergency():
    assert emergency("meningitis_signs") is EMERGENCY


def test_a_stiff_jaw_after_a_wound_is_an_emergency():
    assert emergency("stiff_jaw_after_wound") is EMERGENCY


def test_weakness_spreading_over_days_with_breathing_or_swallowing_trouble_is_an_emergency():
    assert emergency("spreading_weakness_with_breathing_or_swallowing") is EMERGENCY


@pytest.mark.parametrize(
    "sign", ["heart_attack_signs", "sudden_severe_headache", "sudden_confusion"]
)
def test_chest_pain_a_sudden_headache_and_sudden_confusion_can_be_entered_and_are_emergencies(
    client, sign
):
    html = client.get("/triage/").content.decode()
    assert f'value="{sign}"' in html
    assert emergency(sign) is EMERGENCY


@pytest.mark.parametrize("presentation", ["a mini-stroke yesterday", "a first fit yesterday"])
def test_a_mini_stroke_or_a_first_fit_yesterday_is_urgent(presentation):
    assert assess(twitching(symptoms=["passed_stroke_sign_or_fit"])).level is URGENT


def test_a_child_under_5_does_not_get_the_adult_rules(db, client):
    text = main_text(
        post(client, {"age": "under_5", "emergency": ["none"]}, step=1).content.decode()
    )
    assert "This check cannot assess children under 5" in text
    assert "Where is the twitching?" not in text


def test_withdrawal_from_heavy_drinking_is_urgent_with_withdrawal_advice(db, client):
    answers = twitching(triggers=["stopped_alcohol_or_drugs"])
    assert assess(answers).level is URGENT
    text = main_text(post(client, answers, step=2).content.decode())
    assert "broken" not in text
    assert "withdrawal" in text and "8 to 24 hours" in text
    assert "Do not stop heavy drinking suddenly without advice." in text


def test_weakness_with_muscle_wasting_gets_no_reassurance_beside_the_als_link(db, client):
    text = main_text(
        post(client, twitching(symptoms=["weakness", "muscle_wasting"]), step=2).content.decode()
    )
    assert "Amyotrophic lateral sclerosis (ALS)" in text
    assert "very rarely" not in text and "likely to be harmless" not in text
    assert "without waiting" in text and "couple of weeks" not in text


def test_results_do_not_repeat_see_a_doctor_after_2_weeks_to_someone_whose_twitch_has_lasted_longer(
    db, client
):
    text = main_text(post(client, twitching(duration="over_3_months"), step=2).content.decode())
    assert "more than 2 weeks" in text  # the reason they were given
    assert "lasts more than 2 weeks" not in text  # and no "see a GP if it lasts" as well


def test_emergency_results_show_no_caffeine_or_relaxation_advice(db, client):
    answers = twitching(emergency=["seizure"], triggers=["caffeine", "stress_or_anxiety"])
    text = main_text(post(client, answers, step=2).content.decode())
    assert "Call 112 now" in text
    advice = text[: text.index("Your answers")].lower()  # then they are shown what they said
    for words in ("coffee", "caffeine", "relax", "yoga", "things you can do", "read more"):
        assert words not in advice, words


def test_sources_are_shown_with_each_reason(db, client):
    html = post(client, {**ADULT, "emergency": ["stroke_signs"]}, step=1).content.decode()
    assert (
        'Sources: <a href="https://www.nhs.uk/conditions/stroke/">NHS, &quot;Stroke&quot;</a>'
        in html
    )
