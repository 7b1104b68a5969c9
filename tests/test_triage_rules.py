"""Each triage rule, one table row at a time. No Django needed."""

import ast
import string
import sys
from pathlib import Path

import pytest

from triage.engine import assess, validate
from triage.rules import (
    ADVICE,
    ARTICLES,
    OUTCOMES,
    QUESTIONS,
    QUESTIONS_BY_NAME,
    RULES,
    RULES_BY_CODE,
    RULES_VERSION,
    SOURCES_BY_NAME,
    CareLevel,
)

SELF_CARE, ROUTINE = CareLevel.SELF_CARE, CareLevel.ROUTINE
URGENT, EMERGENCY = CareLevel.URGENT, CareLevel.EMERGENCY
ALS, MS = "amyotrophic-lateral-sclerosis", "multiple-sclerosis"

# One place, short, now and then, nothing else: the calmest possible answers.
BASE = {
    "location": ["eyelid"],
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "symptoms": ["none"],
}


def answers(**changes: object) -> dict:
    return {**BASE, **changes}


def test_base_answers_are_self_care_with_no_reasons():
    result = assess(BASE)
    assert result.level is SELF_CARE
    assert result.reasons == ()
    assert result.articles == ()
    assert result.outcome is OUTCOMES[SELF_CARE]


# --- Symptoms ----------------------------------------------------------------

SYMPTOM_TABLE = [
    ("sudden_one_sided_weakness", EMERGENCY, ()),
    ("breathing_difficulty", EMERGENCY, (ALS,)),
    ("seizure", EMERGENCY, ()),
    ("swallowing_or_speech", URGENT, (ALS,)),
    ("fever_or_very_unwell", URGENT, ()),
    ("getting_worse_quickly", URGENT, (ALS,)),
    ("weakness", ROUTINE, (ALS,)),
    ("stiffness", ROUTINE, ()),
    ("muscle_wasting", ROUTINE, (ALS,)),
    ("numbness_or_tingling", ROUTINE, (MS,)),
    ("vision_problems", ROUTINE, (MS,)),
    ("balance_problems", ROUTINE, (MS,)),
    ("tremor_or_slowness", ROUTINE, ()),
    ("uncontrolled_sounds", ROUTINE, ()),
    ("pain_at_site", ROUTINE, ()),
]


@pytest.mark.parametrize(("symptom", "level", "articles"), SYMPTOM_TABLE, ids=lambda v: v)
def test_each_symptom_alone(symptom, level, articles):
    result = assess(answers(symptoms=[symptom]))
    assert result.level is level
    assert result.reason_codes == (f"symptom_{symptom}",)
    assert result.reasons[0].articles == articles
    assert result.articles == articles
    assert result.outcome is OUTCOMES[level]


def test_every_symptom_except_none_and_cramps_has_a_rule():
    tabled = {symptom for symptom, _, _ in SYMPTOM_TABLE}
    assert tabled == set(QUESTIONS_BY_NAME["symptoms"].values) - {"none", "cramps"}


def test_cramps_alone_stay_self_care_with_magnesium_advice():
    result = assess(answers(symptoms=["cramps"]))
    assert result.level is SELF_CARE
    assert result.reasons == ()
    assert "magnesium_for_cramps" in [advice.code for advice in result.advice]


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
    ("locations", "articles"),
    [
        (["shoulder"], ("twitching-in-the-shoulder",)),
        (["stomach"], ("twitching-in-the-stomach",)),
        (["stomach", "shoulder"], ("twitching-in-the-shoulder", "twitching-in-the-stomach")),
    ],
    ids=["shoulder", "stomach", "both"],
)
@pytest.mark.parametrize("symptom", ["none", "weakness", "fever_or_very_unwell", "seizure"])
def test_location_articles_at_every_level(locations, articles, symptom):
    result = assess(answers(location=locations, symptoms=[symptom]))
    assert set(articles) <= set(result.articles)
    # Articles from reasons come first, then the ones for the place.
    assert result.articles[-len(articles) :] == articles


def test_prescribed_medicine_is_routine():
    result = assess(answers(triggers=["prescribed_medicine"]))
    assert (result.level, result.reason_codes) == (ROUTINE, ("prescribed_medicine",))


@pytest.mark.parametrize(
    "trigger",
    [value for value in QUESTIONS_BY_NAME["triggers"].values if value != "prescribed_medicine"],
)
def test_each_other_trigger_alone_stays_self_care(trigger):
    result = assess(answers(triggers=[trigger]))
    assert (result.level, result.reason_codes) == (SELF_CARE, ())


@pytest.mark.parametrize("triggers", [None, [], ()], ids=["missing", "empty-list", "empty-tuple"])
def test_triggers_are_optional(triggers):
    raw = answers() if triggers is None else answers(triggers=triggers)
    assert validate(raw)["triggers"] == []
    assert assess(raw).level is SELF_CARE


# --- Combinations --------------------------------------------------------------

COMBINATIONS = [
    pytest.param(
        answers(duration="over_3_months", symptoms=["weakness", "seizure"]),
        EMERGENCY,
        ("symptom_seizure", "symptom_weakness", "lasted_over_2_weeks"),
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
            symptoms=["breathing_difficulty", "swallowing_or_speech", "numbness_or_tingling"],
            triggers=["prescribed_medicine", "caffeine"],
        ),
        EMERGENCY,
        (
            "symptom_breathing_difficulty",
            "symptom_swallowing_or_speech",
            "symptom_numbness_or_tingling",
            "prescribed_medicine",
        ),
        id="one-of-each-level",
    ),
    pytest.param(
        answers(
            location=["face", "shoulder"],
            duration="2_weeks_to_3_months",
            frequency="almost_constant",
            triggers=["prescribed_medicine"],
        ),
        ROUTINE,
        ("lasted_over_2_weeks", "more_than_one_place", "almost_constant", "prescribed_medicine"),
        id="all-routine-answers",
    ),
]


@pytest.mark.parametrize(("raw", "level", "codes"), COMBINATIONS)
def test_highest_level_wins_and_every_reason_is_given(raw, level, codes):
    result = assess(raw)
    assert result.level is level
    assert result.reason_codes == codes


def test_articles_are_unique_and_follow_the_reasons():
    result = assess(
        answers(
            location=["stomach"],
            symptoms=["weakness", "muscle_wasting", "vision_problems", "breathing_difficulty"],
        )
    )
    assert result.articles == (ALS, MS, "twitching-in-the-stomach")


# --- Advice --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "code"),
    [
        ("caffeine", "caffeine"),
        ("alcohol_or_drugs", "alcohol_or_drugs"),
        ("stress_or_anxiety", "relaxation_for_stress"),
        ("tiredness_or_poor_sleep", "rest_and_sleep"),
        ("exercise", "electrolytes_after_exercise"),
        ("falling_asleep", "sleep_starts_are_harmless"),
        ("prescribed_medicine", "keep_taking_medicine"),
    ],
    ids=lambda v: v,
)
def test_advice_for_each_trigger(trigger, code):
    codes = [advice.code for advice in assess(answers(triggers=[trigger])).advice]
    assert codes == ["twitches_are_common", code]


def test_trigger_advice_is_shown_at_every_level_but_reassurance_is_not():
    result = assess(answers(triggers=["caffeine", "exercise"], symptoms=["seizure", "cramps"]))
    codes = [advice.code for advice in result.advice]
    assert codes == ["caffeine", "electrolytes_after_exercise", "magnesium_for_cramps"]


@pytest.mark.parametrize(
    ("symptom", "shown"),
    [("none", True), ("weakness", True), ("fever_or_very_unwell", False), ("seizure", False)],
)
def test_general_reassurance_only_up_to_routine(symptom, shown):
    codes = [advice.code for advice in assess(answers(symptoms=[symptom])).advice]
    assert ("twitches_are_common" in codes) is shown


def test_advice_follows_declared_order_whatever_the_answer_order():
    every_trigger = list(QUESTIONS_BY_NAME["triggers"].values)
    forwards = assess(answers(triggers=every_trigger, symptoms=["cramps"]))
    backwards = assess(answers(triggers=every_trigger[::-1], symptoms=["cramps"]))
    assert forwards == backwards
    assert [a.code for a in forwards.advice] == [a.code for a in ADVICE]


# --- Validation ------------------------------------------------------------------

INVALID = [
    pytest.param({k: v for k, v in BASE.items() if k != "location"}, "location", id="missing"),
    pytest.param(answers(location=[]), "location", id="empty-list"),
    pytest.param(answers(duration=""), "duration", id="empty-string"),
    pytest.param({k: v for k, v in BASE.items() if k != "symptoms"}, "symptoms", id="no-symptoms"),
    pytest.param(answers(mood="happy"), "mood", id="unknown-key"),
    pytest.param(answers(location=["elbow"]), "location", id="unknown-checkbox-value"),
    pytest.param(answers(frequency="hourly"), "frequency", id="unknown-radio-value"),
    pytest.param(answers(triggers=["coffee"]), "triggers", id="unknown-trigger"),
    pytest.param(answers(location="eyelid"), "location", id="str-for-checkbox"),
    pytest.param(answers(triggers="caffeine"), "triggers", id="str-for-optional-checkbox"),
    pytest.param(answers(duration=["under_2_weeks"]), "duration", id="list-for-radio"),
    pytest.param(answers(frequency=3), "frequency", id="int-for-radio"),
    pytest.param(answers(location=[1]), "location", id="int-in-list"),
    pytest.param(answers(symptoms=[None]), "symptoms", id="none-in-list"),
    pytest.param(answers(location={"eyelid"}), "location", id="set-for-checkbox"),
    pytest.param(answers(location=["face", "face"]), "location", id="repeated-value"),
    pytest.param(answers(symptoms=["none", "cramps"]), "symptoms", id="none-with-another"),
]


@pytest.mark.parametrize(("raw", "question"), INVALID)
def test_invalid_answers_raise_value_error_naming_the_question(raw, question):
    with pytest.raises(ValueError, match=rf"^{question}: "):
        validate(raw)
    with pytest.raises(ValueError, match=rf"^{question}: "):
        assess(raw)


def test_none_exclusivity_message():
    with pytest.raises(ValueError) as error:
        assess(answers(symptoms=["weakness", "none"]))
    assert str(error.value) == "symptoms: 'none' cannot be combined with another choice"


def test_answers_must_be_a_mapping():
    with pytest.raises(ValueError, match=r"^answers: "):
        assess([("location", ["eyelid"])])


def test_validate_normalises_order_and_fills_missing_triggers():
    raw = answers(
        location=("leg_or_foot", "eyelid", "shoulder"),
        symptoms=["cramps", "weakness"],
    )
    assert validate(raw) == {
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


# --- The data itself ---------------------------------------------------------


def test_care_levels_are_ordered():
    assert SELF_CARE < ROUTINE < URGENT < EMERGENCY
    assert max(ROUTINE, EMERGENCY, SELF_CARE) is EMERGENCY
    assert sorted([URGENT, SELF_CARE, EMERGENCY, ROUTINE]) == list(CareLevel)
    assert [level.rank for level in CareLevel] == [0, 1, 2, 3]
    assert [level.value for level in CareLevel] == ["self_care", "routine", "urgent", "emergency"]


def test_care_levels_compare_with_their_stored_strings_but_not_other_text():
    # The stored string on the left is the case plain str ordering would get wrong.
    assert "routine" < EMERGENCY  # noqa: SIM300
    assert EMERGENCY > "urgent"
    with pytest.raises(TypeError):
        assert ROUTINE < "anything"


def test_rules_version_is_a_string():
    assert RULES_VERSION == "2026-11-22.1"


def test_questions_keep_their_names_and_order():
    assert [q.name for q in QUESTIONS] == [
        "location",
        "duration",
        "frequency",
        "triggers",
        "symptoms",
    ]
    assert [q.name for q in QUESTIONS if not q.required] == ["triggers"]
    assert [q.name for q in QUESTIONS if not q.multiple] == ["duration", "frequency"]
    assert QUESTIONS_BY_NAME["symptoms"].exclusive == "none"


def test_choices_are_unique_and_labelled():
    for question in QUESTIONS:
        assert question.label and question.choices
        assert len(set(question.values)) == len(question.values)
        assert all(choice.label for choice in question.choices)
        assert not question.required or question.error_required


def test_rules_point_at_real_questions_choices_articles_and_sources():
    assert len(RULES_BY_CODE) == len(RULES)
    for rule in RULES:
        question = QUESTIONS_BY_NAME[rule.question]
        assert rule.values <= set(question.values), rule.code
        assert rule.values or rule.at_least, rule.code
        assert set(rule.articles) <= set(ARTICLES), rule.code
        assert rule.reason.startswith("You "), rule.code
        assert rule.source in SOURCES_BY_NAME, rule.code


def test_rules_are_declared_from_the_highest_level_down():
    ranks = [rule.level.rank for rule in RULES]
    assert ranks == sorted(ranks, reverse=True)
    assert CareLevel.SELF_CARE not in {rule.level for rule in RULES}


def test_advice_points_at_real_answers_and_sources():
    assert len({advice.code for advice in ADVICE}) == len(ADVICE)
    for advice in ADVICE:
        assert advice.source in SOURCES_BY_NAME, advice.code
        assert advice.title and advice.text, advice.code
        if advice.question:
            assert advice.value in QUESTIONS_BY_NAME[advice.question].values, advice.code


def _outcome_texts(outcome) -> list[str]:
    texts = [outcome.care_card_prefix, outcome.title, outcome.summary, outcome.where]
    texts += outcome.what_to_do
    for net in outcome.act_sooner:
        texts += [net.heading, *net.signs]
    return texts


@pytest.mark.parametrize("level", list(CareLevel), ids=str)
def test_outcome_texts_only_use_the_emergency_number_placeholder(level):
    for text in _outcome_texts(OUTCOMES[level]):
        fields = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        assert fields <= {"emergency_number"}, text
        assert "{" not in text.format(emergency_number="999")


def test_emergency_outcome_says_call_the_emergency_number():
    outcome = OUTCOMES[EMERGENCY]
    assert outcome.title == "Call {emergency_number} now"
    assert outcome.act_sooner == ()


@pytest.mark.parametrize("level", [SELF_CARE, ROUTINE, URGENT], ids=str)
def test_outcomes_below_emergency_say_when_to_act_sooner(level):
    nets = OUTCOMES[level].act_sooner
    text = " ".join(f"{net.heading} {' '.join(net.signs)}" for net in nets)
    assert nets[0].level is EMERGENCY
    assert nets[0].heading.startswith("Call {emergency_number} now")
    for sign in ("one side", "breathe", "seizure", "more than 2 weeks", "spreads", "weakness"):
        assert sign in text
    assert all(len(net.signs) <= 5 for net in nets)  # NHS care cards: at most 5 bullets


def test_reason_and_advice_texts_have_no_placeholders():
    for text in [rule.reason for rule in RULES] + [advice.text for advice in ADVICE]:
        assert "{" not in text


@pytest.mark.parametrize("module", ["rules.py", "engine.py"])
def test_engine_imports_only_the_standard_library(module):
    source = Path(__file__).parent.parent / "triage" / module
    tree = ast.parse(source.read_text())
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__", "triage"}
