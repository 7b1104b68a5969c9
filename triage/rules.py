"""The symptom check, declared once as data.

The questions, choices, care levels, rules, reasons, advice, outcomes and
sources all live here. The engine, the Django form, the admin and the
statistics read these tables; none of them keeps a second list.

Plain standard library only, so the rules can be tested without Django.

Texts that mention the emergency number keep the literal placeholder
``{emergency_number}``; the web layer fills it in with ``str.format``.

Reason codes, advice codes and choice values are stored with each
submission, so never rename one. Change ``RULES_VERSION`` whenever a rule,
level or text changes, so stored results can be read against the rules that
produced them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

RULES_VERSION = "2026-11-22.1"


class CareLevel(enum.StrEnum):
    """How soon to get help. Declared from lowest to highest."""

    SELF_CARE = "self_care"
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]

    # str already orders alphabetically, which would put "emergency" lowest,
    # so every comparison is overridden to use the rank.
    def __lt__(self, other: object) -> bool:
        return self.rank < _rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= _rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > _rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= _rank_of(other)


def _rank_of(other: object) -> int:
    # Raising instead of returning NotImplemented: for a plain str Python
    # would fall back to alphabetical str comparison, silently.
    if isinstance(other, CareLevel):
        return _RANKS[other]
    try:
        return _RANKS[CareLevel(other)]
    except ValueError:
        raise TypeError(f"cannot compare a care level with {other!r}") from None


# Lowest first, as declared; looked up on every comparison.
_RANKS = {level: rank for rank, level in enumerate(CareLevel)}

_LEVEL_LABELS = {
    CareLevel.SELF_CARE: "Self-care",
    CareLevel.ROUTINE: "See a GP",
    CareLevel.URGENT: "Urgent",
    CareLevel.EMERGENCY: "Emergency",
}


# --- Sources -----------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""
    # Set when the source is one of the seed articles this site is built on.
    article: str = ""


NHS_TWITCHING = Source(
    'NHS, "Twitching eyes and muscles"',
    "https://www.nhs.uk/conditions/twitching-eyes-and-muscles/",
)
NHS_STROKE = Source('NHS, "Stroke"', "https://www.nhs.uk/conditions/stroke/")
NHS_SHORTNESS_OF_BREATH = Source(
    'NHS, "Shortness of breath"', "https://www.nhs.uk/conditions/shortness-of-breath/"
)
NHS_SEIZURE = Source(
    'NHS, "What to do if someone has a seizure"',
    "https://www.nhs.uk/conditions/epilepsy/what-to-do-if-someone-has-a-seizure-fit/",
)
NHS_PARKINSONS = Source(
    'NHS, "Parkinson\'s disease"', "https://www.nhs.uk/conditions/parkinsons-disease/"
)
NHS_INFORM_TICS = Source('NHS inform, "Tics"')
NICE_NG127 = Source(
    "NICE guideline NG127, suspected neurological conditions",
    "https://www.nice.org.uk/guidance/ng127",
)
NICE_NG42 = Source(
    "NICE guideline NG42, motor neurone disease", "https://www.nice.org.uk/guidance/ng42"
)
NICE_NG220 = Source(
    "NICE guideline NG220, multiple sclerosis in adults",
    "https://www.nice.org.uk/guidance/ng220",
)
SEED_SHOULDER = Source(
    'Seed article 000, "Twitching in the shoulder"', article="twitching-in-the-shoulder"
)
SEED_STOMACH = Source(
    'Seed article 003, "Twitching in the stomach"', article="twitching-in-the-stomach"
)

SOURCES: tuple[Source, ...] = (
    NHS_TWITCHING,
    NHS_STROKE,
    NHS_SHORTNESS_OF_BREATH,
    NHS_SEIZURE,
    NHS_PARKINSONS,
    NHS_INFORM_TICS,
    NICE_NG127,
    NICE_NG42,
    NICE_NG220,
    SEED_SHOULDER,
    SEED_STOMACH,
)
SOURCES_BY_NAME = MappingProxyType({source.name: source for source in SOURCES})


# --- Questions ---------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    hint: str
    multiple: bool  # checkboxes if True, radios if False
    required: bool
    choices: tuple[Choice, ...]
    # A choice that cannot be combined with any other ("None of these").
    exclusive: str | None = None
    # Shown at the field and in the error summary when nothing is chosen.
    error_required: str = ""

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def choice(self, value: str) -> Choice:
        for choice in self.choices:
            if choice.value == value:
                return choice
        raise KeyError(f"{self.name}: unknown choice {value!r}")


LOCATION = Question(
    name="location",
    label="Where is the twitching?",
    hint="Select all that apply.",
    multiple=True,
    required=True,
    choices=(
        Choice("eyelid", "Eyelid"),
        Choice("face", "Face"),
        Choice("shoulder", "Shoulder"),
        Choice("arm_or_hand", "Arm or hand"),
        Choice("stomach", "Stomach"),
        Choice("back_or_chest", "Back or chest"),
        Choice("leg_or_foot", "Leg or foot"),
        Choice("many_places", "In many places or all over"),
    ),
    error_required="Select where the twitching is",
)

DURATION = Question(
    name="duration",
    label="How long have you had the twitching?",
    hint="",
    multiple=False,
    required=True,
    choices=(
        Choice("under_2_weeks", "Less than 2 weeks"),
        Choice("2_weeks_to_3_months", "2 weeks to 3 months"),
        Choice("over_3_months", "More than 3 months"),
    ),
    error_required="Select how long you have had the twitching",
)

FREQUENCY = Question(
    name="frequency",
    label="How often does it twitch?",
    hint="",
    multiple=False,
    required=True,
    choices=(
        Choice("now_and_then", "Now and then"),
        Choice("several_times_a_day", "Several times a day"),
        Choice("almost_constant", "Almost all the time"),
    ),
    error_required="Select how often it twitches",
)

TRIGGERS = Question(
    name="triggers",
    label="Does anything seem to bring on the twitching?",
    hint="Select all that apply. If nothing does, or you are not sure, leave this blank.",
    multiple=True,
    required=False,
    choices=(
        Choice("caffeine", "Caffeine", "For example, in coffee."),
        Choice("alcohol_or_drugs", "Alcohol or drugs"),
        Choice("stress_or_anxiety", "Stress or anxiety"),
        Choice("tiredness_or_poor_sleep", "Being tired or sleeping badly"),
        Choice("exercise", "Exercise", "It starts after hard physical exercise."),
        Choice("falling_asleep", "Falling asleep", "It happens as you drop off to sleep."),
        Choice(
            "prescribed_medicine",
            "A medicine you have been prescribed",
            "For example, it started after you began a new medicine.",
        ),
    ),
)

SYMPTOMS = Question(
    name="symptoms",
    label="Do you have any of these as well?",
    hint="Select all that apply.",
    multiple=True,
    required=True,
    choices=(
        Choice(
            "sudden_one_sided_weakness",
            "Sudden weakness or numbness on one side of your face or body",
            "Or a face that has dropped on one side, or speech that is suddenly slurred.",
        ),
        Choice("breathing_difficulty", "Struggling to breathe"),
        Choice("seizure", "A fit (seizure)", "Jerking of the whole body, or passing out."),
        Choice(
            "swallowing_or_speech",
            "Difficulty swallowing, or slurred speech",
            "Speech that has become slurred over weeks or months.",
        ),
        Choice(
            "fever_or_very_unwell",
            "A high temperature, a stiff neck or jaw, or feeling very unwell",
        ),
        Choice("getting_worse_quickly", "Weakness or other symptoms getting worse day by day"),
        Choice(
            "weakness",
            "Weakness where it twitches",
            "For example, trouble gripping or lifting things, or tripping.",
        ),
        Choice("stiffness", "Stiff muscles"),
        Choice(
            "muscle_wasting",
            "Muscles that look thinner than before",
            "This is called muscle wasting.",
        ),
        Choice("numbness_or_tingling", "Numbness or tingling"),
        Choice(
            "vision_problems",
            "Problems with your eyesight",
            "Blurred or double vision, or pain when you move your eyes.",
        ),
        Choice("balance_problems", "Problems with balance or walking"),
        Choice("tremor_or_slowness", "Shaking when you are resting, or slow movements"),
        Choice("uncontrolled_sounds", "Making sounds or saying words you cannot control"),
        Choice("pain_at_site", "Pain where it twitches"),
        Choice("cramps", "Muscle cramps"),
        Choice("none", "None of these"),
    ),
    exclusive="none",
    error_required='Select any other symptoms you have, or select "None of these"',
)

QUESTIONS: tuple[Question, ...] = (LOCATION, DURATION, FREQUENCY, TRIGGERS, SYMPTOMS)
QUESTIONS_BY_NAME = MappingProxyType({question.name: question for question in QUESTIONS})


# --- Articles ----------------------------------------------------------------

ALS = "amyotrophic-lateral-sclerosis"
MS = "multiple-sclerosis"
SHOULDER = "twitching-in-the-shoulder"
STOMACH = "twitching-in-the-stomach"

ARTICLES: tuple[str, ...] = (ALS, MS, SHOULDER, STOMACH)

# Shown whenever the twitching is there, whatever the care level.
LOCATION_ARTICLES = MappingProxyType({"shoulder": SHOULDER, "stomach": STOMACH})


# --- Rules -------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Fires when the answer to ``question`` includes any of ``values``, or
    has at least ``at_least`` choices."""

    code: str
    level: CareLevel
    question: str
    values: frozenset[str] = frozenset()
    at_least: int | None = None
    reason: str = ""
    articles: tuple[str, ...] = ()
    source: str = ""


def _symptom(
    value: str, level: CareLevel, reason: str, source: Source, articles: tuple[str, ...] = ()
) -> Rule:
    # One rule per symptom, so each reason names exactly what the person said.
    return Rule(
        code=f"symptom_{value}",
        level=level,
        question="symptoms",
        values=frozenset({value}),
        reason=reason,
        articles=articles,
        source=source.name,
    )


EMERGENCY, URGENT, ROUTINE = CareLevel.EMERGENCY, CareLevel.URGENT, CareLevel.ROUTINE

# Declared from the highest level down; reasons are shown in this order.
RULES: tuple[Rule, ...] = (
    _symptom(
        "sudden_one_sided_weakness",
        EMERGENCY,
        "You said you have sudden weakness or numbness on one side, a face that has dropped, "
        "or suddenly slurred speech. These can be signs of a stroke. "
        "This needs help straight away.",
        NHS_STROKE,
    ),
    _symptom(
        "breathing_difficulty",
        EMERGENCY,
        "You said you are struggling to breathe. This needs help straight away.",
        NHS_SHORTNESS_OF_BREATH,
        (ALS,),
    ),
    _symptom(
        "seizure",
        EMERGENCY,
        "You said you have had a fit (seizure) or passed out. This needs help straight away.",
        NHS_SEIZURE,
    ),
    _symptom(
        "swallowing_or_speech",
        URGENT,
        "You said you have difficulty swallowing, or your speech has become slurred. "
        "A doctor should check this today.",
        NICE_NG42,
        (ALS,),
    ),
    _symptom(
        "fever_or_very_unwell",
        URGENT,
        "You said you have a high temperature, a stiff neck or jaw, or feel very unwell. "
        "An infection can cause twitching, so a doctor should check you today.",
        SEED_STOMACH,
    ),
    _symptom(
        "getting_worse_quickly",
        URGENT,
        "You said your weakness or other symptoms are getting worse day by day. "
        "A doctor should check this today.",
        NICE_NG42,
        (ALS,),
    ),
    _symptom(
        "weakness",
        ROUTINE,
        "You said the area that twitches feels weak. A GP should check twitching that "
        "comes with weakness.",
        NHS_TWITCHING,
        (ALS,),
    ),
    _symptom(
        "stiffness",
        ROUTINE,
        "You said your muscles feel stiff. A GP should check twitching that comes with stiffness.",
        NHS_TWITCHING,
    ),
    _symptom(
        "muscle_wasting",
        ROUTINE,
        "You said some muscles look thinner than before (muscle wasting). A GP should check this.",
        NICE_NG127,
        (ALS,),
    ),
    _symptom(
        "numbness_or_tingling",
        ROUTINE,
        "You said you have numbness or tingling. A GP should check this.",
        NICE_NG220,
        (MS,),
    ),
    _symptom(
        "vision_problems",
        ROUTINE,
        "You said you have problems with your eyesight, such as blurred or double vision, "
        "or pain when you move your eyes. A GP should check this.",
        NICE_NG220,
        (MS,),
    ),
    _symptom(
        "balance_problems",
        ROUTINE,
        "You said you have problems with balance or walking. A GP should check this.",
        NICE_NG220,
        (MS,),
    ),
    _symptom(
        "tremor_or_slowness",
        ROUTINE,
        "You said you have shaking when you are resting, or slow movements. "
        "A GP should check this.",
        NHS_PARKINSONS,
    ),
    _symptom(
        "uncontrolled_sounds",
        ROUTINE,
        "You said you make sounds or say words you cannot control. These can be tics. "
        "A GP should check this.",
        NHS_INFORM_TICS,
    ),
    _symptom(
        "pain_at_site",
        ROUTINE,
        "You said it hurts where it twitches. This can come from a trapped or irritated "
        "nerve, so a GP should check it.",
        SEED_STOMACH,
    ),
    Rule(
        code="lasted_over_2_weeks",
        level=ROUTINE,
        question="duration",
        values=frozenset({"2_weeks_to_3_months", "over_3_months"}),
        reason="You said the twitching has lasted more than 2 weeks. A GP should check "
        "twitching that lasts this long.",
        source=NHS_TWITCHING.name,
    ),
    Rule(
        code="more_than_one_place",
        level=ROUTINE,
        question="location",
        values=frozenset({"many_places"}),
        at_least=2,
        reason="You said the twitching is in more than one place. A GP should check this.",
        source=NHS_TWITCHING.name,
    ),
    Rule(
        code="almost_constant",
        level=ROUTINE,
        question="frequency",
        values=frozenset({"almost_constant"}),
        reason="You said it twitches almost all the time. Very frequent twitching should be "
        "checked by a doctor.",
        source=SEED_STOMACH.name,
    ),
    Rule(
        code="prescribed_medicine",
        level=ROUTINE,
        question="triggers",
        values=frozenset({"prescribed_medicine"}),
        reason="You think a prescribed medicine may be causing the twitching. "
        "A GP should check this. Do not stop taking the medicine without advice.",
        source=NHS_TWITCHING.name,
    ),
)
RULES_BY_CODE = MappingProxyType({rule.code: rule for rule in RULES})


# --- Advice ------------------------------------------------------------------


@dataclass(frozen=True)
class Advice:
    """Self-care advice, shown when ``question`` has ``value`` among its answers.

    Advice without a question is general and always shown, up to ``up_to``.
    """

    code: str
    title: str
    text: str
    source: str
    question: str = ""
    value: str = ""
    up_to: CareLevel = CareLevel.EMERGENCY


ADVICE: tuple[Advice, ...] = (
    Advice(
        code="twitches_are_common",
        title="Twitches are common",
        text="Muscle twitches are common. They are very rarely a sign of anything serious.",
        source=NHS_TWITCHING.name,
        # Reassurance would undercut advice to get help today or now.
        up_to=CareLevel.ROUTINE,
    ),
    Advice(
        code="caffeine",
        title="Caffeine",
        text="Caffeine is a common trigger of twitches. The twitches usually stop once your "
        "body has broken down the caffeine, so having less caffeine may help.",
        source=SEED_STOMACH.name,
        question="triggers",
        value="caffeine",
    ),
    Advice(
        code="alcohol_or_drugs",
        title="Alcohol and drugs",
        text="Alcohol and drugs are common triggers of twitches. The twitches usually stop "
        "once your body has broken the substance down.",
        source=SEED_STOMACH.name,
        question="triggers",
        value="alcohol_or_drugs",
    ),
    Advice(
        code="relaxation_for_stress",
        title="Stress and anxiety",
        text="Stress makes twitches happen more often. Relaxation can ease both the stress and "
        "the twitching. You could try yoga, or a relaxation method called autogenic training.",
        source=SEED_SHOULDER.name,
        question="triggers",
        value="stress_or_anxiety",
    ),
    Advice(
        code="rest_and_sleep",
        title="Tiredness",
        text="Being tired is a common trigger of twitches. Getting enough rest and sleep may help.",
        source=NHS_TWITCHING.name,
        question="triggers",
        value="tiredness_or_poor_sleep",
    ),
    Advice(
        code="electrolytes_after_exercise",
        title="Exercise",
        text="Hard exercise can upset the balance of salts in your body (electrolytes). "
        "This can cause twitches. Magnesium, sodium, calcium and potassium play a big part, "
        "because they help pass signals from your nerves to your muscles.",
        source=SEED_STOMACH.name,
        question="triggers",
        value="exercise",
    ),
    Advice(
        code="sleep_starts_are_harmless",
        title="Twitches as you fall asleep",
        text="Twitches or jerks as you fall asleep are called sleep starts (hypnic jerks). "
        "They are common and harmless.",
        source=SEED_STOMACH.name,
        question="triggers",
        value="falling_asleep",
    ),
    Advice(
        code="keep_taking_medicine",
        title="Prescribed medicines",
        text="Some medicines can cause twitches. Do not stop taking a prescribed medicine "
        "without talking to a doctor first.",
        source=NHS_TWITCHING.name,
        question="triggers",
        value="prescribed_medicine",
    ),
    Advice(
        code="magnesium_for_cramps",
        title="Muscle cramps",
        text="A lack of magnesium (magnesium deficiency) often shows as muscle cramps. "
        "Taking magnesium supplements can improve it.",
        source=SEED_STOMACH.name,
        question="symptoms",
        value="cramps",
    ),
)
ADVICE_BY_CODE = MappingProxyType({advice.code: advice for advice in ADVICE})


# --- Outcomes ----------------------------------------------------------------


@dataclass(frozen=True)
class SafetyNet:
    """Signs that mean: act sooner than your outcome says."""

    level: CareLevel  # how urgent these signs are; picks the care card style
    heading: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    level: CareLevel
    care_card_prefix: str  # read out before the title by screen readers ("Urgent advice:")
    title: str
    summary: str
    what_to_do: tuple[str, ...]
    where: str
    act_sooner: tuple[SafetyNet, ...] = ()


CALL_EMERGENCY_IF = SafetyNet(
    level=CareLevel.EMERGENCY,
    heading="Call {emergency_number} now if you have:",
    signs=(
        "sudden weakness or numbness on one side of your face or body",
        "a face that has dropped on one side, or speech that is suddenly slurred",
        "struggling to breathe",
        "a fit (seizure)",
    ),
)
GET_HELP_TODAY_IF = SafetyNet(
    level=CareLevel.URGENT,
    heading="Get medical help today if you have:",
    signs=(
        "difficulty swallowing, or speech that has become slurred over weeks or months",
        "a high temperature, a stiff neck or jaw, or you feel very unwell",
        "weakness or other symptoms that get worse day by day",
    ),
)
SEE_A_DOCTOR_IF = SafetyNet(
    level=CareLevel.ROUTINE,
    heading="See a doctor if:",
    signs=(
        "the twitching lasts more than 2 weeks",
        "it spreads to other parts of your body",
        "you notice weakness",
    ),
)

OUTCOMES = MappingProxyType(
    {
        CareLevel.EMERGENCY: Outcome(
            level=CareLevel.EMERGENCY,
            care_card_prefix="Immediate action required:",
            title="Call {emergency_number} now",
            summary="Your answers include a sign that needs help straight away.",
            what_to_do=(
                "Call {emergency_number} now.",
                "Do not wait to see if it gets better.",
            ),
            where="Emergency services, on {emergency_number}",
        ),
        CareLevel.URGENT: Outcome(
            level=CareLevel.URGENT,
            care_card_prefix="Urgent advice:",
            title="Get medical help today",
            summary="Your answers include a sign that a doctor should check today.",
            what_to_do=(
                "Ask your GP surgery for an urgent appointment today.",
                "If your GP surgery is closed, contact the out-of-hours service.",
            ),
            where="Your GP surgery, or the out-of-hours service",
            act_sooner=(CALL_EMERGENCY_IF, SEE_A_DOCTOR_IF),
        ),
        CareLevel.ROUTINE: Outcome(
            level=CareLevel.ROUTINE,
            care_card_prefix="Non-urgent advice:",
            title="Make an appointment with a GP",
            summary="Your answers include a sign that a doctor should check.",
            what_to_do=(
                "Book an appointment with your GP in the next couple of weeks.",
                "Tell them what you told us here, such as where the twitching is and how "
                "long it has lasted.",
            ),
            where="Your GP surgery",
            act_sooner=(CALL_EMERGENCY_IF, GET_HELP_TODAY_IF, SEE_A_DOCTOR_IF),
        ),
        CareLevel.SELF_CARE: Outcome(
            level=CareLevel.SELF_CARE,
            care_card_prefix="",
            title="Your twitching is likely to be harmless",
            summary="Your answers do not include any of the signs that a doctor should check.",
            what_to_do=(
                "You do not need to see a doctor for now.",
                "The advice on this page may help.",
            ),
            where="You can look after yourself at home",
            act_sooner=(CALL_EMERGENCY_IF, GET_HELP_TODAY_IF, SEE_A_DOCTOR_IF),
        ),
    }
)
