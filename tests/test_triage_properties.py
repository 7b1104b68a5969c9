"""Properties of the triage engine: every valid set of answers gets exactly one level,
adding a choice never lowers it, and any emergency sign gives EMERGENCY whatever else is
answered. No Django needed.

Three ways to cover the answers:
- each question's answers enumerated with the other questions at their calmest: every
  subset of every question, except `symptoms`, whose 23 choices have 8.4 million subsets
  (too many for a test run), so every subset of up to 4 of them;
- every pair of the values that bear a rule, an article, an advice or a wording;
- hypothesis for random whole checks.

The expected level is the brief's list of levels restated here, independently of the rule
table in triage/rules.py.
"""

from itertools import chain, combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.engine import assess, validate
from triage.rules import (
    ACTIVE_RULES,
    ADVICE,
    ARTICLE_LINKS,
    OUTCOMES,
    QUESTIONS,
    QUESTIONS_BY_NAME,
    STEP_ONE,
    STEP_TWO,
    WORDINGS,
    CareLevel,
)

EMERGENCY, URGENT = CareLevel.EMERGENCY, CareLevel.URGENT
ROUTINE, SELF_CARE = CareLevel.ROUTINE, CareLevel.SELF_CARE

# The brief's levels, restated.
URGENT_SYMPTOMS = {
    "getting_worse_quickly", "swallowing_or_speech_gradual", "breathless_lying_flat", "fever",
    "vision_gradual", "passed_stroke_sign_or_fit", "sudden_new_movements", "serotonin_signs",
    "one_leg_painful_swollen", "pregnancy_warning_signs", "low_blood_sugar",
}  # fmt: skip
ROUTINE_SYMPTOMS = {
    "weakness", "muscle_wasting", "numbness_or_tingling", "stiffness", "balance_problems",
    "tremor_or_slowness", "uncontrolled_sounds", "pain_at_site", "long_cramps", "thyroid_signs",
    "worry",
}  # fmt: skip

CALMEST = {
    "age": "16_or_over",
    "emergency": ["none"],
    "location": ["back_or_chest"],
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "symptoms": ["none"],
}


def chosen(raw: dict, name: str) -> set[str]:
    value = raw.get(name, [])
    return set(value) if isinstance(value, list | tuple) else {value}


def expected_level(raw: dict) -> CareLevel:
    if chosen(raw, "emergency") - {"none"}:
        return EMERGENCY
    symptoms, triggers = chosen(raw, "symptoms"), chosen(raw, "triggers")
    if raw["age"] == "under_5" or "stopped_alcohol_or_drugs" in triggers:
        return URGENT
    if symptoms & URGENT_SYMPTOMS:
        return URGENT
    if "location" not in raw:  # a check that ended at step 1
        return SELF_CARE
    locations = chosen(raw, "location")
    if (
        raw["duration"] != "under_2_weeks"
        or len(locations) >= 2
        or "many_places" in locations
        or raw["frequency"] == "almost_constant"
        or "prescribed_medicine" in triggers
        or symptoms & ROUTINE_SYMPTOMS
    ):
        return ROUTINE
    return SELF_CARE


def check_one_level(raw: dict) -> CareLevel:
    result = assess(raw)
    assert result.level in set(CareLevel)
    assert result.outcome.level is result.level
    assert result.level == max((r.level for r in result.reasons), default=SELF_CARE)
    assert result.level is expected_level(raw), raw
    return result.level


# --- Each question enumerated --------------------------------------------------------

# More choices than this are enumerated only up to this many at a time.
MAX_SUBSET = 4


def answer_sets(question) -> list:
    """Every answer to one question: each value of a radio question; for checkboxes, the
    exclusive choice alone and every subset of the others (up to MAX_SUBSET of them when
    there are too many for all)."""
    if not question.multiple:
        return list(question.values)
    values = [v for v in question.values if v != question.exclusive]
    sizes = range(len(values) + 1) if len(values) <= 12 else range(MAX_SUBSET + 1)
    subsets = [list(s) for s in chain.from_iterable(combinations(values, n) for n in sizes)]
    if question.exclusive:
        return [[question.exclusive]] + [s for s in subsets if s]
    return [s for s in subsets if s or not question.required]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
def test_each_question_enumerated_gets_one_level_that_adding_a_choice_never_lowers(question):
    levels = {}
    for answer in answer_sets(question):
        raw = {**CALMEST, question.name: answer}
        levels[tuple(answer) if isinstance(answer, list) else answer] = check_one_level(raw)
    if not question.multiple:
        return
    for answer, level in levels.items():
        for value in question.values:
            bigger = tuple(
                v for v in question.values if v in {*answer, value} - {question.exclusive}
            )
            if value not in answer and bigger in levels:
                assert levels[bigger] >= level, (answer, value)


# --- Every pair of values that bear something -----------------------------------------


def bearing_values() -> list[tuple[str, str]]:
    bearing = {(rule.question, value) for rule in ACTIVE_RULES for value in rule.values}
    for item in (*ADVICE, *WORDINGS, *ARTICLE_LINKS):
        for when in item.when:
            for test in when.all_of + when.none_of:
                bearing |= {(test.question, value) for value in test.values}
    bearing |= {("location", "eyelid"), ("location", "face")}  # two places: a rule by count
    return sorted(bearing)


BEARING = bearing_values()


def with_values(pairs) -> dict:
    raw = dict(CALMEST)
    for name, value in pairs:
        question = QUESTIONS_BY_NAME[name]
        if not question.multiple:
            raw[name] = value
            continue
        current = [v for v in raw.get(name, []) if v != question.exclusive and v != value]
        raw[name] = [*current, value]
    return raw


def test_every_pair_of_bearing_values_gets_the_higher_of_their_two_levels():
    alone = {pair: check_one_level(with_values([pair])) for pair in BEARING}
    for first, second in combinations(BEARING, 2):
        if first[0] == second[0] and not QUESTIONS_BY_NAME[first[0]].multiple:
            continue  # one radio question cannot hold two answers
        if "none" in {first[1], second[1]} and first[0] == second[0]:
            continue
        level = check_one_level(with_values([first, second]))
        assert level >= alone[first] and level >= alone[second]
        if first[0] != second[0]:  # no combination of questions changes a level
            assert level == max(alone[first], alone[second]), (first, second)


# --- Random whole checks ---------------------------------------------------------------


def subsets(question, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    # Any order, so the properties also cover unsorted input.
    values = [v for v in question.values if v != question.exclusive]
    return st.lists(st.sampled_from(values), min_size=min_size, unique=True)


def checkbox(question) -> st.SearchStrategy[list[str]]:
    if question.exclusive:
        return st.one_of(st.just([question.exclusive]), subsets(question, min_size=1))
    return subsets(question, min_size=1 if question.required else 0)


@st.composite
def step_one_answers(draw: st.DrawFn) -> dict:
    return {
        "age": draw(st.sampled_from(QUESTIONS_BY_NAME["age"].values)),
        "emergency": draw(checkbox(QUESTIONS_BY_NAME["emergency"])),
    }


@st.composite
def whole_checks(draw: st.DrawFn) -> dict:
    raw = draw(step_one_answers())
    for question in STEP_TWO:
        if question.multiple:
            answer = draw(checkbox(question))
        else:
            answer = draw(st.sampled_from(question.values))
        if question.required or answer or draw(st.booleans()):
            raw[question.name] = answer
    return raw


@st.composite
def any_checks(draw: st.DrawFn) -> dict:
    raw = draw(whole_checks())
    step_one = {q.name: raw[q.name] for q in STEP_ONE}
    ends = step_one["age"] == "under_5" or step_one["emergency"] != ["none"]
    if ends and draw(st.booleans()):
        return step_one  # a check that ended at step 1
    return raw


@given(any_checks())
def test_every_valid_check_gets_exactly_one_level_as_the_brief_says(raw):
    check_one_level(raw)


@given(any_checks(), st.sampled_from([q for q in QUESTIONS if q.multiple]), st.data())
def test_adding_a_choice_never_lowers_the_level(raw, question, data):
    if question.name not in raw:
        return
    value = data.draw(st.sampled_from([v for v in question.values if v != question.exclusive]))
    current = [v for v in raw[question.name] if v not in {question.exclusive, value}]
    more = {**raw, question.name: [*current, value]}
    assert assess(more).level >= assess(raw).level


@given(whole_checks(), st.sampled_from(["duration", "frequency"]), st.data())
def test_a_longer_or_more_frequent_twitch_never_lowers_the_level(raw, name, data):
    values = QUESTIONS_BY_NAME[name].values  # declared from the least to the most
    value = data.draw(st.sampled_from(values[values.index(raw[name]) :]))
    assert assess({**raw, name: value}).level >= assess(raw).level


@given(any_checks(), st.sampled_from(QUESTIONS_BY_NAME["emergency"].values[:-1]))
def test_any_emergency_sign_gives_emergency_whatever_else_is_answered(raw, sign):
    others = [v for v in raw["emergency"] if v not in ("none", sign)]
    assert assess({**raw, "emergency": [sign, *others]}).level is EMERGENCY


@given(any_checks(), st.randoms(use_true_random=False))
def test_assess_is_deterministic_and_ignores_answer_order(raw, random):
    shuffled = {
        key: list(value) if isinstance(value, list) else value for key, value in raw.items()
    }
    for value in shuffled.values():
        if isinstance(value, list):
            random.shuffle(value)
    assert assess(raw) == assess(raw) == assess(shuffled)
    assert validate(raw) == validate(shuffled)


@given(any_checks())
def test_validate_is_idempotent_and_assess_agrees_on_its_output(raw):
    clean = validate(raw)
    assert validate(clean) == clean
    assert assess(clean) == assess(raw)


@given(any_checks())
def test_no_safety_net_repeats_what_the_person_reported(raw):
    result = assess(raw)
    reported = set(result.reason_codes)
    for outcome in OUTCOMES:
        for net in outcome.act_sooner:
            for sign in net.signs:
                shown = any(sign.text in n.signs for n in result.act_sooner)
                if sign.reported_by & reported:
                    assert not shown, sign.text
