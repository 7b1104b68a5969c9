"""Properties of the triage engine over random valid answers. No Django needed."""

from hypothesis import given
from hypothesis import strategies as st

from triage.engine import assess, validate
from triage.rules import QUESTIONS_BY_NAME, CareLevel

LOCATIONS = QUESTIONS_BY_NAME["location"].values
DURATIONS = QUESTIONS_BY_NAME["duration"].values  # shortest first
FREQUENCIES = QUESTIONS_BY_NAME["frequency"].values  # rarest first
TRIGGERS = QUESTIONS_BY_NAME["triggers"].values
SYMPTOMS = tuple(v for v in QUESTIONS_BY_NAME["symptoms"].values if v != "none")
EMERGENCY_SYMPTOMS = ("sudden_one_sided_weakness", "breathing_difficulty", "seizure")
URGENT_SYMPTOMS = ("swallowing_or_speech", "fever_or_very_unwell", "getting_worse_quickly")
ROUTINE_SYMPTOMS = (
    "weakness",
    "stiffness",
    "muscle_wasting",
    "numbness_or_tingling",
    "vision_problems",
    "balance_problems",
    "tremor_or_slowness",
    "uncontrolled_sounds",
    "pain_at_site",
)


def subsets(values: tuple[str, ...], min_size: int = 0) -> st.SearchStrategy[list[str]]:
    # Any order, so the properties also cover unsorted input.
    return st.lists(st.sampled_from(values), min_size=min_size, unique=True)


@st.composite
def valid_answers(draw: st.DrawFn) -> dict:
    raw = {
        "location": draw(subsets(LOCATIONS, min_size=1)),
        "duration": draw(st.sampled_from(DURATIONS)),
        "frequency": draw(st.sampled_from(FREQUENCIES)),
        "symptoms": draw(st.one_of(st.just(["none"]), subsets(SYMPTOMS, min_size=1))),
    }
    triggers = draw(st.one_of(st.none(), subsets(TRIGGERS)))
    if triggers is not None:
        raw["triggers"] = triggers
    return raw


def expected_codes(raw: dict) -> set[str]:
    """The rules restated from the brief, independently of the rule table."""
    codes = {f"symptom_{s}" for s in raw["symptoms"] if s not in ("none", "cramps")}
    if raw["duration"] != "under_2_weeks":
        codes.add("lasted_over_2_weeks")
    if len(raw["location"]) >= 2 or "many_places" in raw["location"]:
        codes.add("more_than_one_place")
    if raw["frequency"] == "almost_constant":
        codes.add("almost_constant")
    if "prescribed_medicine" in raw.get("triggers", []):
        codes.add("prescribed_medicine")
    return codes


def expected_level(raw: dict) -> CareLevel:
    symptoms = set(raw["symptoms"])
    if symptoms & set(EMERGENCY_SYMPTOMS):
        return CareLevel.EMERGENCY
    if symptoms & set(URGENT_SYMPTOMS):
        return CareLevel.URGENT
    if expected_codes(raw):
        return CareLevel.ROUTINE
    return CareLevel.SELF_CARE


@given(valid_answers())
def test_level_is_one_of_the_four_and_matches_the_brief(raw):
    result = assess(raw)
    assert result.level in set(CareLevel)
    assert result.level is expected_level(raw)
    assert result.outcome.level is result.level


@given(valid_answers())
def test_every_fired_rule_gives_its_reason(raw):
    result = assess(raw)
    assert set(result.reason_codes) == expected_codes(raw)
    assert len(result.reason_codes) == len(set(result.reason_codes))
    assert result.level == max((r.level for r in result.reasons), default=CareLevel.SELF_CARE)
    assert len(result.articles) == len(set(result.articles))
    assert {slug for r in result.reasons for slug in r.articles} <= set(result.articles)


@given(valid_answers(), st.sampled_from(SYMPTOMS))
def test_adding_a_symptom_never_lowers_the_level(raw, symptom):
    symptoms = [s for s in raw["symptoms"] if s not in ("none", symptom)]
    more = {**raw, "symptoms": [*symptoms, symptom]}
    assert assess(more).level >= assess(raw).level


@given(valid_answers(), st.sampled_from(LOCATIONS))
def test_adding_a_location_never_lowers_the_level(raw, location):
    more = {**raw, "location": [*(v for v in raw["location"] if v != location), location]}
    assert assess(more).level >= assess(raw).level


@given(valid_answers(), st.sampled_from(TRIGGERS))
def test_adding_a_trigger_never_lowers_the_level(raw, trigger):
    triggers = [v for v in raw.get("triggers", []) if v != trigger]
    more = {**raw, "triggers": [*triggers, trigger]}
    assert assess(more).level >= assess(raw).level


@given(valid_answers(), st.sampled_from(DURATIONS))
def test_a_longer_duration_never_lowers_the_level(raw, duration):
    if DURATIONS.index(duration) < DURATIONS.index(raw["duration"]):
        raw, duration = {**raw, "duration": duration}, raw["duration"]
    assert assess({**raw, "duration": duration}).level >= assess(raw).level


@given(valid_answers(), st.sampled_from(FREQUENCIES))
def test_a_higher_frequency_never_lowers_the_level(raw, frequency):
    if FREQUENCIES.index(frequency) < FREQUENCIES.index(raw["frequency"]):
        raw, frequency = {**raw, "frequency": frequency}, raw["frequency"]
    assert assess({**raw, "frequency": frequency}).level >= assess(raw).level


@given(valid_answers(), st.sampled_from(EMERGENCY_SYMPTOMS))
def test_any_emergency_symptom_gives_emergency_whatever_else(raw, symptom):
    symptoms = [s for s in raw["symptoms"] if s not in ("none", symptom)]
    assert assess({**raw, "symptoms": [symptom, *symptoms]}).level is CareLevel.EMERGENCY


@given(valid_answers(), st.randoms(use_true_random=False))
def test_assess_is_deterministic_and_ignores_answer_order(raw, random):
    shuffled = {
        key: list(value) if isinstance(value, list) else value for key, value in raw.items()
    }
    for value in shuffled.values():
        if isinstance(value, list):
            random.shuffle(value)
    assert assess(raw) == assess(raw) == assess(shuffled)
    assert validate(raw) == validate(shuffled)


@given(valid_answers())
def test_validate_is_idempotent_and_assess_agrees_on_its_output(raw):
    clean = validate(raw)
    assert validate(clean) == clean
    assert assess(clean) == assess(raw)
