"""Each triage rule, one table row at a time. No Django needed."""

import ast
import string
import sys
from pathlib import Path

import pytest

from triage.engine import InvalidAnswersError, assess, ends_at_step_one, validate
from triage.rules import (
    ACTIVE_RULES,
    ADVICE,
    ARTICLE_LINKS,
    OUTCOMES,
    OUTCOMES_BY_CODE,
    QUESTIONS,
    QUESTIONS_BY_NAME,
    RULES,
    RULES_BY_CODE,
    SOURCES,
    STEP_ONE,
    WORDINGS,
    AdviceKind,
    CareLevel,
)

SELF_CARE, ROUTINE = CareLevel.SELF_CARE, CareLevel.ROUTINE
URGENT, EMERGENCY = CareLevel.URGENT, CareLevel.EMERGENCY
ROOT = Path(__file__).resolve().parent.parent

STEP_ONE_CALM = {"age": "16_or_over", "emergency": ["none"]}
# An adult, no emergency sign, one place, short, now and then, nothing else: the calmest
# answers, with no article for the place.
BASE = {
    **STEP_ONE_CALM,
    "location": ["back_or_chest"],
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "symptoms": ["none"],
}


def answers(**changes: object) -> dict:
    return {**BASE, **changes}


def advice_codes(result) -> list[str]:
    return [item.advice.code for item in result.advice]


def test_base_answers_are_self_care_with_no_reasons():
    result = assess(BASE)
    assert result.level is SELF_CARE
    assert result.reasons == ()
    assert result.articles == ()
    assert result.outcome is OUTCOMES_BY_CODE["self_care"]


# --- Step 1 ------------------------------------------------------------------

EMERGENCY_VALUES = [v for v in QUESTIONS_BY_NAME["emergency"].values if v != "none"]


@pytest.mark.parametrize("value", EMERGENCY_VALUES)
def test_each_emergency_sign_ends_the_check_at_step_one_with_the_emergency_outcome(value):
    step_one = {"age": "16_or_over", "emergency": [value]}
    assert ends_at_step_one(validate(step_one, step=1))
    result = assess(step_one)
    assert result.level is EMERGENCY
    assert result.reason_codes == (f"emergency_{value}",)
    assert result.outcome.code == "emergency"
    assert result.answers == step_one  # step 2 is absent, not empty
    assert result.ended_at_step_one
    assert result.articles == () and result.act_sooner == ()


def test_a_child_under_5_ends_the_check_with_the_under_5_outcome():
    result = assess({"age": "under_5", "emergency": ["none"]})
    assert (result.level, result.reason_codes) == (URGENT, ("age_under_5",))
    assert result.outcome.code == "under_5"
    assert result.answers == {"age": "under_5", "emergency": ["none"]}


def test_an_emergency_sign_in_a_child_under_5_is_still_an_emergency():
    result = assess({"age": "under_5", "emergency": ["breathing_difficulty"]})
    assert result.level is EMERGENCY
    assert result.outcome.code == "emergency"
    assert result.reason_codes == ("emergency_breathing_difficulty", "age_under_5")


@pytest.mark.parametrize("age", ["5_to_15", "16_or_over"])
def test_older_children_and_adults_go_on_to_step_two(age):
    assert not ends_at_step_one(validate({"age": age, "emergency": ["none"]}, step=1))
    with pytest.raises(InvalidAnswersError) as error:
        validate({"age": age, "emergency": ["none"]})
    assert [p.question for p in error.value.problems] == [
        "location",
        "duration",
        "frequency",
        "symptoms",
    ]
    assert assess(answers(age=age)).level is SELF_CARE


# --- Step 2 symptoms ---------------------------------------------------------

SYMPTOM_TABLE = [
    ("getting_worse_quickly", URGENT),
    ("swallowing_or_speech_gradual", URGENT),
    ("breathless_lying_flat", URGENT),
    ("fever", URGENT),
    ("vision_gradual", URGENT),
    ("passed_stroke_sign_or_fit", URGENT),
    ("sudden_new_movements", URGENT),
    ("serotonin_signs", URGENT),
    ("one_leg_painful_swollen", URGENT),
    ("pregnancy_warning_signs", URGENT),
    ("low_blood_sugar", URGENT),
    ("weakness", ROUTINE),
    ("muscle_wasting", ROUTINE),
    ("numbness_or_tingling", ROUTINE),
    ("stiffness", ROUTINE),
    ("balance_problems", ROUTINE),
    ("tremor_or_slowness", ROUTINE),
    ("uncontrolled_sounds", ROUTINE),
    ("pain_at_site", ROUTINE),
    ("long_cramps", ROUTINE),
    ("thyroid_signs", ROUTINE),
    ("worry", ROUTINE),
]


@pytest.mark.parametrize(("symptom", "level"), SYMPTOM_TABLE, ids=lambda v: str(v))
def test_each_symptom_alone(symptom, level):
    result = assess(answers(symptoms=[symptom]))
    assert result.level is level
    assert result.reason_codes == (f"symptom_{symptom}",)
    assert result.outcome.level is level


def test_every_symptom_on_offer_except_none_and_cramps_has_its_rule():
    tabled = {symptom for symptom, _ in SYMPTOM_TABLE}
    assert tabled == set(QUESTIONS_BY_NAME["symptoms"].values) - {"none", "cramps"}


def test_cramps_alone_stay_self_care_with_stretch_and_massage_advice():
    result = assess(answers(symptoms=["cramps"]))
    assert (result.level, result.reasons) == (SELF_CARE, ())
    [cramps] = [item for item in result.advice if item.advice.code == "cramps"]
    assert "stretch and massage" in cramps.advice.text[0]
    assert cramps.see_a_gp_if == (
        "disturb your sleep",
        "come with numbness or swelling",
        "last longer than 10 minutes",
    )


# --- Duration, frequency, location, triggers ---------------------------------


@pytest.mark.parametrize(
    ("duration", "level", "codes"),
    [
        ("under_2_weeks", SELF_CARE, ()),
        ("2_weeks_to_3_months", ROUTINE, ("lasted_over_2_weeks",)),
        ("over_3_months", ROUTINE, ("lasted_over_2_weeks",)),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_duration(duration, level, codes):
    result = assess(answers(duration=duration))
    assert (result.level, result.reason_codes) == (level, codes)


@pytest.mark.parametrize(
    ("frequency", "level", "codes"),
    [
        ("now_and_then", SELF_CARE, ()),
        ("several_times_a_day", SELF_CARE, ()),
        ("almost_constant", ROUTINE, ("almost_constant",)),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_frequency(frequency, level, codes):
    result = assess(answers(frequency=frequency))
    assert (result.level, result.reason_codes) == (level, codes)


@pytest.mark.parametrize(
    "location",
    [value for value in QUESTIONS_BY_NAME["location"].values if value != "many_places"],
)
def test_one_location_alone_is_self_care(location):
    result = assess(answers(location=[location]))
    assert (result.level, result.reason_codes) == (SELF_CARE, ())


@pytest.mark.parametrize(
    "locations",
    [
        ["eyelid", "face"],
        ["leg_or_foot", "arm_or_hand"],
        ["many_places"],
        ["eyelid", "many_places"],
    ],
    ids=["two-places", "two-places-reversed", "many-places-alone", "many-places-and-eyelid"],
)
def test_more_than_one_place_is_routine(locations):
    result = assess(answers(location=locations))
    assert (result.level, result.reason_codes) == (ROUTINE, ("more_than_one_place",))


@pytest.mark.parametrize(
    ("trigger", "level", "codes"),
    [
        ("stopped_alcohol_or_drugs", URGENT, ("stopped_alcohol_or_drugs",)),
        ("prescribed_medicine", ROUTINE, ("prescribed_medicine",)),
        *[
            (value, SELF_CARE, ())
            for value in QUESTIONS_BY_NAME["triggers"].values
            if value not in {"stopped_alcohol_or_drugs", "prescribed_medicine"}
        ],
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_trigger_alone(trigger, level, codes):
    result = assess(answers(triggers=[trigger]))
    assert (result.level, result.reason_codes) == (level, codes)


@pytest.mark.parametrize("triggers", [None, [], ()], ids=["missing", "empty-list", "empty-tuple"])
def test_triggers_are_optional(triggers):
    raw = answers() if triggers is None else answers(triggers=triggers)
    assert validate(raw)["triggers"] == []
    assert assess(raw).level is SELF_CARE


# --- Combinations ------------------------------------------------------------

COMBINATIONS = [
    pytest.param(
        answers(emergency=["seizure"], duration="over_3_months", symptoms=["weakness"]),
        EMERGENCY,
        ("emergency_seizure", "symptom_weakness", "lasted_over_2_weeks"),
        id="emergency-beats-routine",
    ),
    pytest.param(
        answers(
            location=["many_places"],
            frequency="almost_constant",
            symptoms=["getting_worse_quickly", "muscle_wasting"],
        ),
        URGENT,
        (
            "symptom_getting_worse_quickly",
            "symptom_muscle_wasting",
            "more_than_one_place",
            "almost_constant",
        ),
        id="urgent-beats-routine",
    ),
    pytest.param(
        answers(
            emergency=["breathing_difficulty"],
            symptoms=["fever", "numbness_or_tingling"],
            triggers=["prescribed_medicine", "caffeine"],
        ),
        EMERGENCY,
        (
            "emergency_breathing_difficulty",
            "symptom_fever",
            "symptom_numbness_or_tingling",
            "prescribed_medicine",
        ),
        id="one-of-each-level",
    ),
    pytest.param(
        answers(age="under_5", symptoms=["weakness"]),
        URGENT,
        ("age_under_5", "symptom_weakness"),
        id="under-5-with-step-two-answers",
    ),
]


@pytest.mark.parametrize(("raw", "level", "codes"), COMBINATIONS)
def test_highest_level_wins_and_every_reason_is_given(raw, level, codes):
    result = assess(raw)
    assert result.level is level
    assert result.reason_codes == codes


# --- Outcome wording -----------------------------------------------------------


def test_weakness_with_wasting_says_see_a_gp_without_waiting_and_does_not_reassure():
    result = assess(answers(symptoms=["weakness", "muscle_wasting"]))
    assert result.level is ROUTINE
    assert result.steps == WORDINGS[0].steps
    text = " ".join(result.steps)
    assert "without waiting" in text and "weakness" in text
    assert "couple of weeks" not in text
    assert "twitches_are_common" not in advice_codes(result)


def test_weakness_alone_keeps_the_usual_routine_wording_and_reassurance():
    result = assess(answers(symptoms=["weakness"]))
    assert result.steps == OUTCOMES_BY_CODE["routine"].what_to_do
    assert "twitches_are_common" in advice_codes(result)


def test_gradual_swallowing_or_speech_trouble_is_urgent_without_waiting():
    result = assess(answers(symptoms=["swallowing_or_speech_gradual"]))
    assert result.level is URGENT
    text = " ".join(result.steps)
    assert "Do not wait" in text and "couple of weeks" not in text
    assert "twitches_are_common" not in advice_codes(result)


def test_the_under_5_outcome_keeps_its_own_steps_whatever_else_is_said():
    result = assess(answers(age="under_5", symptoms=["swallowing_or_speech_gradual"]))
    assert result.outcome.code == "under_5"
    assert result.steps == OUTCOMES_BY_CODE["under_5"].what_to_do


# --- Advice ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "codes"),
    [
        ("caffeine", ["twitches_are_common", "caffeine"]),
        ("alcohol_or_drugs", ["do_not_stop_drinking_suddenly", "twitches_are_common", "alcohol"]),
        ("stress_or_anxiety", ["twitches_are_common", "relax"]),
        ("tiredness_or_poor_sleep", ["twitches_are_common", "rest"]),
        ("exercise", ["heat_and_exercise", "twitches_are_common"]),
        ("falling_asleep", ["twitches_are_common", "sleep_starts_are_harmless"]),
        ("prescribed_medicine", ["keep_taking_medicine", "twitches_are_common"]),
        ("stopped_alcohol_or_drugs", ["withdrawal"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_advice_for_each_trigger(trigger, codes):
    assert advice_codes(assess(answers(triggers=[trigger]))) == codes


def test_safety_advice_is_shown_at_every_level_but_reassurance_only_up_to_routine():
    triggers = ["caffeine", "exercise", "prescribed_medicine", "stopped_alcohol_or_drugs"]
    result = assess(answers(emergency=["seizure"], triggers=triggers, symptoms=["worry"]))
    assert result.level is EMERGENCY
    kinds = {item.advice.kind for item in result.advice}
    assert kinds == {AdviceKind.SAFETY}
    assert advice_codes(result) == [
        "withdrawal",
        "heat_and_exercise",
        "keep_taking_medicine",
        "mental_health_contacts",
    ]


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({}, True),
        ({"symptoms": ["weakness"]}, True),
        ({"symptoms": ["fever"]}, False),
        ({"emergency": ["seizure"]}, False),
        ({"age": "under_5"}, False),
    ],
    ids=["self-care", "routine", "urgent", "emergency", "under-5"],
)
def test_general_reassurance_only_up_to_routine(changes, shown):
    assert ("twitches_are_common" in advice_codes(assess(answers(**changes)))) is shown


def test_treating_a_hypo_leads_the_low_blood_sugar_outcome():
    result = assess(answers(symptoms=["low_blood_sugar"]))
    [lead] = [item.advice for item in result.advice if item.advice.lead]
    assert lead.code == "treat_a_hypo"
    assert lead.text[0].startswith("Have a sugary drink or sweets")
    assert "10 to 15 minutes" in lead.text[1]
    assert "drowsy or unconscious, has a fit" in lead.text[2]


def test_heatstroke_gets_cooling_advice_while_waiting():
    result = assess({"age": "16_or_over", "emergency": ["heatstroke_signs"]})
    assert advice_codes(result) == ["keep_cooling_down"]


def test_worry_shows_the_urgent_mental_health_contacts():
    result = assess(answers(symptoms=["worry"]))
    [contacts] = [
        item.advice for item in result.advice if item.advice.code == "mental_health_contacts"
    ]
    text = " ".join(contacts.text)
    assert "option 2" in text and "116 123" in text and "{emergency_number}" in text


def test_advice_follows_declared_order_whatever_the_answer_order():
    every_trigger = list(QUESTIONS_BY_NAME["triggers"].values)
    forwards = assess(answers(triggers=every_trigger, symptoms=["cramps"]))
    backwards = assess(answers(triggers=every_trigger[::-1], symptoms=["cramps"]))
    assert forwards == backwards
    declared = [advice.code for advice in ADVICE]
    assert advice_codes(forwards) == sorted(advice_codes(forwards), key=declared.index)


# --- Safety nets ---------------------------------------------------------------


def nets(result) -> dict[str, tuple[str, ...]]:
    return {net.heading: net.signs for net in result.act_sooner}


@pytest.mark.parametrize(
    "raw",
    [BASE, answers(symptoms=["weakness"]), answers(symptoms=["fever"])],
    ids=["self-care", "routine", "urgent"],
)
def test_every_call_now_list_names_chest_pain_a_sudden_headache_confusion_and_a_fit(raw):
    [call] = [net for net in assess(raw).act_sooner if net.level is EMERGENCY]
    text = " ".join(call.signs)
    for sign in ("chest pain", "sudden, very bad headache", "sudden confusion", "a fit"):
        assert sign in text
    assert len(call.signs) <= 5


def test_get_help_sooner_lists_leave_out_what_the_person_reported():
    self_care = nets(assess(BASE))["See a GP if:"]
    assert "the twitching lasts more than 2 weeks" in self_care
    routine = assess(answers(duration="over_3_months", symptoms=["long_cramps", "cramps"]))
    assert all("2 weeks" not in sign for net in routine.act_sooner for sign in net.signs)
    [cramps] = [item for item in routine.advice if item.advice.code == "cramps"]
    assert cramps.see_a_gp_if == ("come with numbness or swelling",)


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: o.code)
def test_no_safety_net_holds_more_than_five_signs(outcome):
    for net in outcome.act_sooner:
        assert net.limit <= 5
        assert len(net.signs) >= 1


def test_the_under_5_outcome_lists_when_to_call_for_a_baby_or_toddler():
    [call, soon] = assess({"age": "under_5", "emergency": ["none"]}).act_sooner
    assert call.level is EMERGENCY and soon.level is URGENT
    assert "have a fit for the first time, even if they seem to recover" in call.signs
    assert "are under 8 weeks old and you are very worried about them" in call.signs


# --- Articles ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "slugs"),
    [
        ({"symptoms": ["weakness", "muscle_wasting"]}, ("amyotrophic-lateral-sclerosis",)),
        ({"symptoms": ["swallowing_or_speech_gradual"]}, ("amyotrophic-lateral-sclerosis",)),
        ({"symptoms": ["weakness"]}, ()),
        ({"symptoms": ["muscle_wasting"]}, ()),
        ({"symptoms": ["vision_gradual"]}, ("multiple-sclerosis",)),
        ({"symptoms": ["numbness_or_tingling", "balance_problems"]}, ("multiple-sclerosis",)),
        ({"symptoms": ["numbness_or_tingling"]}, ()),
        ({"symptoms": ["worry"]}, ("health-anxiety",)),
        ({"symptoms": ["uncontrolled_sounds"]}, ("tics-and-tourettes-syndrome",)),
        ({"symptoms": ["cramps"]}, ("muscle-cramps",)),
        ({"symptoms": ["long_cramps"]}, ("muscle-cramps",)),
        ({"location": ["eyelid"]}, ("eyelid-twitching",)),
        ({"duration": "over_3_months"}, ("benign-fasciculation-syndrome",)),
        ({"duration": "over_3_months", "symptoms": ["weakness"]}, ()),
        (
            {"location": ["stomach", "shoulder"]},
            ("twitching-in-the-shoulder", "twitching-in-the-stomach"),
        ),
    ],
)
def test_articles_for_each_answer(changes, slugs):
    assert assess(answers(**changes)).articles == slugs


@pytest.mark.parametrize(
    "symptoms",
    [["weakness", "muscle_wasting"], ["swallowing_or_speech_gradual"], ["vision_gradual"]],
)
def test_children_of_5_to_15_are_never_sent_to_the_als_or_ms_pages(symptoms):
    slugs = assess(answers(age="5_to_15", symptoms=symptoms)).articles
    assert "amyotrophic-lateral-sclerosis" not in slugs
    assert "multiple-sclerosis" not in slugs


def test_articles_come_in_the_declared_order_each_once():
    result = assess(
        answers(
            location=["stomach", "eyelid", "shoulder"],
            duration="over_3_months",
            symptoms=["uncontrolled_sounds", "vision_gradual", "worry", "cramps", "long_cramps"],
        )
    )
    assert result.articles == (
        "multiple-sclerosis",
        "health-anxiety",
        "tics-and-tourettes-syndrome",
        "muscle-cramps",
        "eyelid-twitching",
        "benign-fasciculation-syndrome",
        "twitching-in-the-shoulder",
        "twitching-in-the-stomach",
    )


def test_an_emergency_outcome_links_no_article():
    assert assess(answers(emergency=["seizure"], location=["shoulder"])).articles == ()


# --- Validation ----------------------------------------------------------------

INVALID = [
    pytest.param({k: v for k, v in BASE.items() if k != "age"}, "age", "required", id="no-age"),
    pytest.param(answers(emergency=[]), "emergency", "required", id="no-emergency-answer"),
    pytest.param(answers(location=[]), "location", "required", id="empty-list"),
    pytest.param(answers(duration=""), "duration", "required", id="empty-string"),
    pytest.param(
        {k: v for k, v in BASE.items() if k != "symptoms"}, "symptoms", "required", id="no-symptoms"
    ),
    pytest.param(answers(mood="happy"), "mood", "unknown_question", id="unknown-key"),
    pytest.param(answers(location=["elbow"]), "location", "unknown_choice", id="unknown-checkbox"),
    pytest.param(answers(frequency="hourly"), "frequency", "unknown_choice", id="unknown-radio"),
    pytest.param(answers(age="adult"), "age", "unknown_choice", id="unknown-age"),
    pytest.param(answers(triggers=["coffee"]), "triggers", "unknown_choice", id="unknown-trigger"),
    pytest.param(answers(location="eyelid"), "location", "wrong_type", id="str-for-checkbox"),
    pytest.param(answers(triggers="caffeine"), "triggers", "wrong_type", id="str-for-optional"),
    pytest.param(
        answers(duration=["under_2_weeks"]), "duration", "wrong_type", id="list-for-radio"
    ),
    pytest.param(answers(frequency=3), "frequency", "wrong_type", id="int-for-radio"),
    pytest.param(answers(location=[1]), "location", "wrong_type", id="int-in-list"),
    pytest.param(answers(symptoms=[None]), "symptoms", "wrong_type", id="none-in-list"),
    pytest.param(answers(location={"eyelid"}), "location", "wrong_type", id="set-for-checkbox"),
    pytest.param(answers(location=["face", "face"]), "location", "repeated", id="repeated-value"),
    pytest.param(answers(symptoms=["none", "cramps"]), "symptoms", "exclusive", id="none-and-more"),
    pytest.param(
        answers(emergency=["none", "seizure"]), "emergency", "exclusive", id="no-emergency-and-one"
    ),
]


@pytest.mark.parametrize(("raw", "question", "code"), INVALID)
def test_invalid_answers_raise_an_error_naming_the_question(raw, question, code):
    with pytest.raises(InvalidAnswersError, match=rf"^{question}: ") as error:
        validate(raw)
    assert (error.value.question, error.value.problems[0].code) == (question, code)
    with pytest.raises(InvalidAnswersError):
        assess(raw)


RETIRED = [
    ("symptoms", value)
    for value in ("sudden_one_sided_weakness", "swallowing_or_speech", "fever_or_very_unwell",
                  "vision_problems", "breathing_difficulty", "seizure")
]  # fmt: skip


@pytest.mark.parametrize(("question", "value"), RETIRED, ids=lambda v: v)
def test_retired_choices_are_refused(question, value):
    with pytest.raises(InvalidAnswersError) as error:
        validate(answers(**{question: [value]}))
    assert (error.value.question, error.value.problems[0].code) == (question, "retired_choice")
    assert value not in QUESTIONS_BY_NAME[question].values
    assert QUESTIONS_BY_NAME[question].choice(value).retired


def test_every_problem_is_reported_at_once():
    with pytest.raises(InvalidAnswersError) as error:
        validate({"emergency": ["none", "seizure"], "location": ["elbow"]})
    problems = {(p.question, p.code) for p in error.value.problems}
    assert problems == {
        ("age", "required"),
        ("emergency", "exclusive"),
        ("location", "unknown_choice"),
        ("duration", "required"),
        ("frequency", "required"),
        ("symptoms", "required"),
    }


def test_step_one_alone_is_checked_without_step_two():
    assert validate(STEP_ONE_CALM, step=1) == STEP_ONE_CALM
    with pytest.raises(InvalidAnswersError, match=r"^location: unknown question"):
        validate({**STEP_ONE_CALM, "location": ["eyelid"]}, step=1)


def test_a_check_that_ends_at_step_one_keeps_the_step_two_answers_it_was_given():
    raw = {"age": "16_or_over", "emergency": ["breathing_difficulty", "stroke_signs"],
           "location": ["face"]}  # fmt: skip
    assert validate(raw) == {**raw, "emergency": ["stroke_signs", "breathing_difficulty"]}
    with pytest.raises(InvalidAnswersError, match=r"^location: "):
        validate({**raw, "location": ["elbow"]})


def test_answers_must_be_a_mapping():
    with pytest.raises(InvalidAnswersError, match=r"^answers: "):
        assess([("location", ["eyelid"])])


def test_validate_normalises_order_and_fills_missing_triggers():
    raw = answers(
        location=("leg_or_foot", "eyelid", "shoulder"),
        symptoms=["cramps", "weakness"],
    )
    assert validate(raw) == {
        "age": "16_or_over",
        "emergency": ["none"],
        "location": ["eyelid", "shoulder", "leg_or_foot"],
        "duration": "under_2_weeks",
        "frequency": "now_and_then",
        "triggers": [],
        "symptoms": ["weakness", "cramps"],
    }


def test_validate_does_not_change_its_input():
    raw = answers(location=["face", "eyelid"])
    validate(raw)
    assert raw == answers(location=["face", "eyelid"])


# --- The data itself -------------------------------------------------------------


def test_care_levels_are_ordered():
    assert SELF_CARE < ROUTINE < URGENT < EMERGENCY
    assert max(ROUTINE, EMERGENCY, SELF_CARE) is EMERGENCY
    assert sorted([URGENT, SELF_CARE, EMERGENCY, ROUTINE]) == list(CareLevel)
    assert [level.value for level in CareLevel] == ["self_care", "routine", "urgent", "emergency"]


def test_care_levels_compare_with_their_stored_strings_but_not_other_text():
    # The stored string on the left is the case plain str ordering would get wrong.
    assert "routine" < EMERGENCY  # noqa: SIM300
    assert EMERGENCY > "urgent"
    with pytest.raises(TypeError):
        assert ROUTINE < "anything"


def test_questions_keep_their_names_steps_and_order():
    assert [(q.name, q.step) for q in QUESTIONS] == [
        ("age", 1),
        ("emergency", 1),
        ("location", 2),
        ("duration", 2),
        ("frequency", 2),
        ("triggers", 2),
        ("symptoms", 2),
    ]
    assert [q.name for q in QUESTIONS if not q.required] == ["triggers"]
    assert [q.name for q in QUESTIONS if not q.multiple] == ["age", "duration", "frequency"]
    assert QUESTIONS_BY_NAME["symptoms"].exclusive == QUESTIONS_BY_NAME["emergency"].exclusive
    assert QUESTIONS_BY_NAME["age"].values == ("under_5", "5_to_15", "16_or_over")


def test_choices_are_unique_and_labelled():
    for question in QUESTIONS:
        every = [choice.value for choice in question.choices]
        assert question.label and question.gp_label and question.values
        assert len(set(every)) == len(every)
        assert all(choice.label for choice in question.choices)
        assert not question.required or question.error_required


def test_every_active_rule_points_at_a_choice_on_offer_and_every_retired_one_at_a_retired_choice():
    assert len(RULES_BY_CODE) == len(RULES)
    for rule in RULES:
        question = QUESTIONS_BY_NAME[rule.question]
        offered = set(question.values)
        assert rule.values or rule.at_least, rule.code
        if rule.retired:
            assert rule.values <= question.retired_values, rule.code
        else:
            assert rule.values <= offered, rule.code
        assert rule.reason.startswith("You "), rule.code
        assert rule.sources, rule.code


def test_every_step_one_rule_ends_the_check_and_every_offered_step_one_value_but_none_has_one():
    fired = {value for rule in ACTIVE_RULES if rule.question in {q.name for q in STEP_ONE}
             for value in rule.values}  # fmt: skip
    assert fired == set(QUESTIONS_BY_NAME["emergency"].values) - {"none"} | {"under_5"}


def test_rules_are_declared_from_the_highest_level_down():
    ranks = [rule.level.rank for rule in ACTIVE_RULES]
    assert ranks == sorted(ranks, reverse=True)
    assert SELF_CARE not in {rule.level for rule in RULES}


def test_sources_are_named_once_and_linked_only_over_https():
    assert len({source.name for source in SOURCES}) == len(SOURCES)
    for source in SOURCES:
        assert not source.url or source.url.startswith("https://"), source.name


def test_advice_wording_and_articles_point_at_real_answers():
    def check(whens):
        for when in whens:
            for test in when.all_of + when.none_of:
                assert test.values <= set(QUESTIONS_BY_NAME[test.question].values), test

    assert len({advice.code for advice in ADVICE}) == len(ADVICE)
    for advice in ADVICE:
        assert advice.sources and advice.title and advice.text, advice.code
        check(advice.when)
    for wording in WORDINGS:
        check(wording.when)
        assert wording.outcomes <= set(OUTCOMES_BY_CODE)
    for link in ARTICLE_LINKS:
        check(link.when)


def _texts():
    for outcome in OUTCOMES:
        yield from (outcome.title, outcome.summary, outcome.where)
        yield from outcome.what_to_do
        for net in outcome.act_sooner:
            yield net.heading
            yield from (sign.text for sign in net.signs)
    for advice in ADVICE:
        yield from (advice.title, *advice.text, advice.see_a_gp_heading)
        yield from (sign.text for sign in advice.see_a_gp_if)
    for wording in WORDINGS:
        yield from wording.steps
    yield from (rule.reason for rule in RULES)


def test_texts_only_use_the_two_known_placeholders():
    for text in _texts():
        fields = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        assert fields <= {"emergency_number", "urgent_care_contact"}, text


def test_the_emergency_outcome_says_call_the_emergency_number_and_nothing_else():
    outcome = OUTCOMES_BY_CODE["emergency"]
    assert outcome.title == "Call {emergency_number} now"
    assert outcome.act_sooner == ()


@pytest.mark.parametrize("module", ["triage/rules.py", "triage/engine.py", "core/care_levels.py"])
def test_engine_imports_only_the_standard_library(module):
    tree = ast.parse((ROOT / module).read_text())
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    ours = {name for name in imported if name.split(".")[0] in {"triage", "core"}}
    assert ours <= {"triage.rules", "triage.engine", "core.care_levels"}
    assert {name.split(".")[0] for name in imported - ours} <= set(sys.stdlib_module_names) | {
        "__future__"
    }
