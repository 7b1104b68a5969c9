"""The symptom check, declared once as data.

The questions, choices, care levels, rules, reasons, advice, outcomes, safety nets,
article links and sources all live here. The engine, the Django form, the admin and
the statistics read these tables; none of them keeps a second list.

Plain standard library only (and core.care_levels, the levels' labels and styles, as
plain), so the rules can be tested without Django.

Texts may hold two placeholders that the web layer fills in: ``{emergency_number}``
(the EMERGENCY_NUMBER setting, shown as a tappable link) and ``{urgent_care_contact}``
(the URGENT_CARE_CONTACT setting).

Reason codes and choice values are stored with each check, so never rename one: retire
it (``retired=True``) and add a new one. A retired choice or rule is never offered and
never fires, but stored checks that hold it still show, export and count. Change
``RULES_VERSION`` whenever a rule, level or text changes, and say what changed, why and
who approved it in ``triage/CHANGELOG.md``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from core.care_levels import LEVELS

RULES_VERSION = "2026-12-01.1"


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
        return LEVELS[self.value].label

    @property
    def care_card_prefix(self) -> str:
        """Read out before a care card's heading by screen readers (NHS care cards)."""
        return LEVELS[self.value].prefix

    @property
    def css_class(self) -> str:
        return LEVELS[self.value].css_class

    @property
    def colour(self) -> str:
        return LEVELS[self.value].colour

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

EMERGENCY, URGENT = CareLevel.EMERGENCY, CareLevel.URGENT
ROUTINE, SELF_CARE = CareLevel.ROUTINE, CareLevel.SELF_CARE


# --- Sources -----------------------------------------------------------------
# Names and addresses as the project's content-facts sheet gives them. A source the
# sheet lists without an address is named without a link.


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""
    # Set when the source is one of the seed articles this site is built on.
    article: str = ""


def _nhs(title: str, path: str) -> Source:
    return Source(f'NHS, "{title}"', f"https://www.nhs.uk/{path}")


NHS_TWITCHING = _nhs("Twitching eyes and muscles", "conditions/twitching-eyes-and-muscles/")
NHS_STROKE = _nhs("Stroke", "conditions/stroke/")
NHS_SEIZURE = _nhs(
    "What to do if someone has a seizure",
    "conditions/epilepsy/what-to-do-if-someone-has-a-seizure-fit/",
)
NHS_MENINGITIS = _nhs("Meningitis", "conditions/meningitis/")
NHS_TETANUS = _nhs("Tetanus", "conditions/tetanus/")
NHS_HEAT = _nhs("Heat exhaustion and heatstroke", "conditions/heat-exhaustion-heatstroke/")
NHS_HYPO = _nhs("Low blood sugar (hypoglycaemia)", "conditions/low-blood-sugar-hypoglycaemia/")
NHS_FEVER = _nhs("High temperature (fever) in adults", "conditions/fever-in-adults/")
NHS_LEG_CRAMPS = _nhs("Leg cramps", "conditions/leg-cramps/")
NHS_TICS = _nhs("Tics", "conditions/tics/")
NHS_TOURETTES = _nhs("Tourette's syndrome", "conditions/tourettes-syndrome/")
NHS_HEALTH_ANXIETY = _nhs("Health anxiety", "mental-health/conditions/health-anxiety/")
NHS_THYROID = _nhs(
    "Overactive thyroid (hyperthyroidism)", "conditions/overactive-thyroid-hyperthyroidism/"
)
NHS_CHEST_PAIN = _nhs("Chest pain", "conditions/chest-pain/")
NHS_HEADACHES = _nhs("Headaches", "conditions/headaches/")
NHS_CONFUSION = _nhs("Sudden confusion (delirium)", "conditions/confusion/")
NHS_DVT = _nhs("DVT (deep vein thrombosis)", "conditions/deep-vein-thrombosis-dvt/")
NHS_PRE_ECLAMPSIA = _nhs("Pre-eclampsia", "conditions/pre-eclampsia/")
NHS_SHORTNESS_OF_BREATH = _nhs("Shortness of breath", "conditions/shortness-of-breath/")
NHS_PARKINSONS = _nhs("Parkinson's disease", "conditions/parkinsons-disease/")
NHS_FAINTING = _nhs("Fainting", "conditions/fainting/")
NHS_BABY = _nhs(
    "Is your baby or toddler seriously ill?",
    "conditions/baby/health/is-your-baby-or-toddler-seriously-ill/",
)
NHS_SSRI = _nhs(
    "SSRI antidepressants: side effects",
    "mental-health/talking-therapies-medicine-treatments/medicines-and-psychiatry/"
    "ssri-antidepressants/side-effects/",
)
NHS_111_ONLINE = Source(
    'NHS, "How NHS 111 online works"', "https://111.nhs.uk/guided-entry/how-it-works"
)
NHS_WALES_GBS = Source(
    'NHS Wales 111, "Guillain-Barré syndrome"',
    "https://111.wales.nhs.uk/encyclopaedia/g/article/guillainbarresyndrome",
)
NHS_WALES_BELLS_PALSY = Source(
    'NHS Wales 111, "Bell\'s palsy"',
    "https://111.wales.nhs.uk/encyclopaedia/b/article/bellspalsy",
)
NICE_NG127 = Source(
    "NICE NG127, suspected neurological conditions", "https://www.nice.org.uk/guidance/ng127"
)
NICE_NG42 = Source(
    "NICE NG42, motor neurone disease", "https://www.nice.org.uk/guidance/ng42/chapter/Context"
)
NICE_NG220 = Source(
    "NICE NG220, multiple sclerosis in adults", "https://www.nice.org.uk/guidance/ng220"
)
NICE_NG128 = Source("NICE NG128, stroke and TIA", "https://www.nice.org.uk/guidance/ng128")
NICE_NG217 = Source("NICE NG217, epilepsies", "https://www.nice.org.uk/guidance/ng217")
NICE_CKS_BENZODIAZEPINES = Source(
    "NICE CKS, benzodiazepine and z-drug withdrawal",
    "https://cks.nice.org.uk/topics/benzodiazepine-z-drug-withdrawal/",
)
MHRA_SEROTONIN = Source(
    "MHRA, SSRIs: serotonin syndrome", "https://cpd.mhra.gov.uk/ssri/CON146583_12"
)
BMJ_MND = Source(
    "BMJ 2022;379:e073857 (Mahoney et al.)", "https://www.bmj.com/content/379/bmj-2022-073857"
)
DRINKAWARE = Source(
    'Drinkaware, "Alcohol withdrawal symptoms"',
    "https://www.drinkaware.co.uk/facts/health-effects-of-alcohol/general-health-effects/"
    "alcohol-withdrawal-symptoms",
)
STROKE_ASSOCIATION = Source(
    'Stroke Association, "What are the symptoms of stroke?"',
    "https://www.stroke.org.uk/what-stroke/what-happens-when-you-have-stroke/"
    "what-are-symptoms-stroke",
)
STROKE_ASSOCIATION_PASSED = Source(
    'Stroke Association, "What if symptoms pass?"',
    "https://www.stroke.org.uk/take-action/act-fast/what-if-symptoms-pass",
)
EPILEPSY_SOCIETY = Source(
    'Epilepsy Society, "When to call an ambulance"',
    "https://epilepsysociety.org.uk/when-call-ambulance",
)
SIGHT_ADVICE = Source(
    'Sight Advice FAQ, "Vision change"',
    "https://www.sightadvicefaq.org.uk/your-eyes/looking-after-eyes/vision-change",
)
HULL_OPTIC_NEURITIS = Source(
    'Hull University Teaching Hospitals, "Optic neuritis"',
    "https://www.hey.nhs.uk/patient-leaflet/optic-neuritis/",
)
ROYAL_FREE_CAUDA_EQUINA = Source('Royal Free London NHS FT, "Cauda equina syndrome" leaflet')
ABUHB_MENTAL_HEALTH = Source('Aneurin Bevan UHB, "Mental health crisis"')
SHSC_MENTAL_HEALTH = Source(
    'Sheffield Health and Social Care NHS FT, "Call NHS 111 if you are experiencing a '
    'mental health crisis"'
)
SEED_SHOULDER = Source(
    'Seed article 000, "Twitching in the shoulder"', article="twitching-in-the-shoulder"
)
SEED_STOMACH = Source(
    'Seed article 003, "Twitching in the stomach"', article="twitching-in-the-stomach"
)
# Cited by retired rules only; kept so that stored checks can be read against them.
NHS_INFORM_TICS = Source('NHS inform, "Tics"')


# --- Questions ---------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str = ""
    # Shown as a list under the hint, then `hint_end` as a last line.
    hint_items: tuple[str, ...] = ()
    hint_end: str = ""
    # No longer offered; kept so stored checks still read (see the module docstring).
    retired: bool = False


@dataclass(frozen=True)
class Question:
    name: str
    step: int  # 1: asked first, and may end the check; 2: the twitching itself
    label: str
    hint: str
    multiple: bool  # checkboxes if True, radios if False
    required: bool
    choices: tuple[Choice, ...]
    # Shown at the field and in the error summary when nothing is chosen.
    error_required: str
    # The words used in the summary for a GP.
    gp_label: str
    # A choice that cannot be combined with any other ("None of these").
    exclusive: str | None = None

    @cached_property
    def offered(self) -> tuple[Choice, ...]:
        return tuple(choice for choice in self.choices if not choice.retired)

    @cached_property
    def values(self) -> tuple[str, ...]:
        """The values a person may choose now, in the order they are asked."""
        return tuple(choice.value for choice in self.offered)

    @cached_property
    def retired_values(self) -> frozenset[str]:
        return frozenset(choice.value for choice in self.choices if choice.retired)

    @cached_property
    def _by_value(self) -> dict[str, Choice]:
        return {choice.value: choice for choice in self.choices}

    def choice(self, value: str) -> Choice:
        """Any choice, retired ones included: stored checks may hold them."""
        try:
            return self._by_value[value]
        except KeyError:
            raise KeyError(f"{self.name}: unknown choice {value!r}") from None


NONE = "none"

AGE = Question(
    name="age",
    step=1,
    label="How old is the person with the twitching?",
    hint="If you are answering for someone else, answer for them.",
    multiple=False,
    required=True,
    choices=(
        Choice("under_5", "Under 5"),
        Choice("5_to_15", "5 to 15"),
        Choice("16_or_over", "16 or over"),
    ),
    error_required="Select how old the person with the twitching is",
    gp_label="Age",
)

EMERGENCY_SIGNS = Question(
    name="emergency",
    step=1,
    label="Is any of these happening now, or did it start in the last few hours?",
    hint="Select all that apply.",
    multiple=True,
    required=True,
    choices=(
        Choice(
            "stroke_signs",
            "Signs of a stroke",
            "A face that droops on one side, even if it came on over hours. A hand, arm or "
            "leg that is suddenly weak or numb, even for a few minutes. Speech that is "
            "suddenly slurred or muddled.",
        ),
        Choice(
            "sudden_vision_or_balance",
            "Sudden problems with sight or balance",
            "Sudden loss of sight, or sudden blurred or double vision. Sudden dizziness or "
            "loss of balance, so that you cannot stand or walk straight.",
        ),
        Choice(
            "sudden_severe_headache",
            "A sudden, very bad headache",
            "The worst headache you have ever had.",
        ),
        Choice(
            "sudden_confusion",
            "Sudden confusion",
            "Suddenly confused, or very sleepy and hard to wake.",
        ),
        Choice(
            "heart_attack_signs",
            "Signs of a heart attack",
            "Chest pain that feels heavy, tight or pressing. It may spread to the arms, neck, "
            "jaw or back, or come with sweating, feeling sick or being short of breath.",
        ),
        Choice("breathing_difficulty", "Struggling to breathe", "Or choking."),
        Choice(
            "seizure",
            "A fit (seizure)",
            "A fit now or in the last few hours, and any of these:",
            hint_items=(
                "it was the first one",
                "it lasted more than 5 minutes",
                "there was more than one without coming round in between",
                "they have not fully come round",
                "they were badly hurt",
                "they passed out and could not be woken within 1 minute",
            ),
            hint_end="A fit can be jerking that starts in one hand or one side of the face "
            "and spreads up the arm or across that side within seconds or minutes.",
        ),
        Choice(
            "meningitis_signs",
            "A high temperature with a stiff neck, or a rash that does not fade",
            "A rash that does not fade when a glass is pressed on it.",
        ),
        Choice(
            "stiff_jaw_after_wound",
            "A stiff jaw or painful spasms after a wound",
            "A stiff jaw that makes it hard to open the mouth, or painful spasms in the back, "
            "tummy, arms or legs, starting days or weeks after a cut, bite or burn.",
        ),
        Choice(
            "heatstroke_signs",
            "Signs of heatstroke",
            "After heat or hard exercise: very hot skin that is not sweating, confusion, or "
            "still feeling unwell after 30 minutes of cooling down.",
        ),
        Choice(
            "spreading_weakness_with_breathing_or_swallowing",
            "Weakness that is spreading, with trouble breathing, swallowing or speaking",
            "Weakness that has spread over hours or days.",
        ),
        Choice(
            "back_pain_with_numbness_or_bladder",
            "Back pain with numbness, or bladder or bowel problems",
            "Back pain with numbness around the bottom or genitals, or new problems "
            "controlling the bladder or bowels.",
        ),
        Choice(NONE, "None of these"),
    ),
    exclusive=NONE,
    error_required='Select any of these that are happening now, or select "None of these"',
    gp_label="Emergency signs (now or in the last few hours)",
)

LOCATION = Question(
    name="location",
    step=2,
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
    gp_label="Twitching in",
)

DURATION = Question(
    name="duration",
    step=2,
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
    gp_label="For",
)

FREQUENCY = Question(
    name="frequency",
    step=2,
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
    gp_label="How often",
)

TRIGGERS = Question(
    name="triggers",
    step=2,
    label="Does anything seem to bring on the twitching?",
    hint="Select all that apply. If nothing does, or you are not sure, leave this blank.",
    multiple=True,
    required=False,
    choices=(
        Choice("caffeine", "Caffeine", "For example, in coffee."),
        Choice("alcohol_or_drugs", "Drinking alcohol or taking drugs"),
        Choice(
            "stopped_alcohol_or_drugs",
            "Stopping or cutting down after drinking heavily every day, or after taking "
            "sleeping pills or tranquillisers (such as diazepam) every day",
        ),
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
    error_required="",
    gp_label="Brought on by",
)

SYMPTOMS = Question(
    name="symptoms",
    step=2,
    label="Do you also have any of these?",
    hint="Select only what is new or has changed.",
    multiple=True,
    required=True,
    choices=(
        Choice(
            "weakness",
            "Weakness anywhere",
            "For example, dropping things, tripping, or an arm or leg that is weaker than before.",
        ),
        Choice(
            "muscle_wasting",
            "A muscle that looks thinner than before",
            "Or thinner than the same muscle on the other side. This is called muscle wasting.",
        ),
        Choice("getting_worse_quickly", "Weakness or numbness getting worse day by day"),
        Choice(
            "swallowing_or_speech_gradual",
            "Coughing or choking when you eat or drink, or speech becoming slurred",
            "Coming on over weeks or months.",
        ),
        Choice("breathless_lying_flat", "New shortness of breath when lying flat or at rest"),
        Choice(
            "fever",
            "A high temperature that is not getting better",
            "Or is getting worse, after treating it at home.",
        ),
        Choice(
            "vision_gradual",
            "Blurred or double vision, or pain when moving an eye",
            "Coming on over hours or days.",
        ),
        Choice(
            "passed_stroke_sign_or_fit",
            "A fit, or a sign of a stroke, that has now stopped",
            "In the last few days: a fit, or sudden weakness, numbness, a drooping face, "
            "slurred speech or loss of sight, that has now stopped.",
        ),
        Choice(
            "sudden_new_movements",
            "Jerky, twisting or wobbly movements, or unsteady walking, that started suddenly",
            "In the last few days.",
        ),
        Choice(
            "serotonin_signs",
            "Twitching or jerking after a change to an antidepressant",
            "You started, increased or combined an antidepressant or a similar medicine in the "
            "last few days, and now twitch or jerk with sweating, shivering, agitation or "
            "diarrhoea.",
        ),
        Choice(
            "one_leg_painful_swollen",
            "One leg painful and swollen",
            "Usually the calf. It may be warm or red.",
        ),
        Choice(
            "pregnancy_warning_signs",
            "Pregnant or recently given birth, with warning signs",
            "A bad headache, blurred sight or flashing lights, pain just below the ribs, being "
            "sick, or sudden swelling of the face, hands or feet.",
        ),
        Choice(
            "low_blood_sugar",
            "Shaky, sweaty, hungry or confused, and you take medicine for diabetes",
        ),
        Choice(
            "numbness_or_tingling",
            "Numbness or tingling that spreads, or is not where the twitch is",
            "Tingling in the same place as the twitch is common: you do not need to select "
            "this for that.",
        ),
        Choice("stiffness", "Stiff muscles"),
        Choice(
            "balance_problems",
            "Problems with balance or walking",
            "Coming on over days or weeks.",
        ),
        Choice("tremor_or_slowness", "Shaking when you are resting, or slow movements"),
        Choice(
            "uncontrolled_sounds",
            "Sounds, words or movements you cannot control",
            "These are called tics.",
        ),
        Choice("pain_at_site", "Pain where it twitches"),
        Choice("cramps", "Muscle cramps"),
        Choice(
            "long_cramps",
            "Cramps lasting more than 10 minutes, or that keep waking you at night",
        ),
        Choice(
            "thyroid_signs",
            "Losing weight without trying, feeling hot or shaky, or a racing heartbeat",
        ),
        Choice("worry", "Worry about the twitching is stopping you living normally"),
        Choice(NONE, "None of these"),
        # The first edition's choices (rules 2026-11-22.1), now asked differently.
        Choice(
            "sudden_one_sided_weakness",
            "Sudden weakness or numbness on one side of your face or body",
            retired=True,
        ),
        Choice("breathing_difficulty", "Struggling to breathe", retired=True),
        Choice("seizure", "A fit (seizure)", retired=True),
        Choice("swallowing_or_speech", "Difficulty swallowing, or slurred speech", retired=True),
        Choice(
            "fever_or_very_unwell",
            "A high temperature, a stiff neck or jaw, or feeling very unwell",
            retired=True,
        ),
        Choice("vision_problems", "Problems with your eyesight", retired=True),
    ),
    exclusive=NONE,
    error_required='Select any of these you have, or select "None of these"',
    gp_label="Also has",
)

QUESTIONS: tuple[Question, ...] = (AGE, EMERGENCY_SIGNS, LOCATION, DURATION, FREQUENCY, TRIGGERS,
                                   SYMPTOMS)  # fmt: skip
QUESTIONS_BY_NAME = MappingProxyType({question.name: question for question in QUESTIONS})
STEP_ONE: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.step == 1)
STEP_TWO: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.step == 2)


# --- Conditions --------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    """Holds when the answer to `question` includes any of `values`."""

    question: str
    values: frozenset[str]


def answered(question: str, *values: str) -> Answered:
    return Answered(question, frozenset(values))


@dataclass(frozen=True)
class When:
    """Holds when every `all_of` holds and no `none_of` does."""

    all_of: tuple[Answered, ...]
    none_of: tuple[Answered, ...] = ()


NOT_A_CHILD_OF_5_TO_15 = (answered("age", "5_to_15"),)


# --- Rules -------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Fires when the answer to `question` includes any of `values`, or has at least
    `at_least` choices. A rule on a step-1 question ends the check at step 1."""

    code: str
    level: CareLevel
    question: str
    reason: str
    sources: tuple[Source, ...]
    values: frozenset[str] = frozenset()
    at_least: int | None = None
    retired: bool = False


def _rule(
    prefix: str, question: str, value: str, level: CareLevel, reason: str, *sources: Source
) -> Rule:
    # One rule per choice, so each reason names exactly what the person said.
    return Rule(
        code=f"{prefix}{value}",
        level=level,
        question=question,
        values=frozenset({value}),
        reason=reason,
        sources=sources,
    )


def _emergency(value: str, reason: str, *sources: Source) -> Rule:
    return _rule("emergency_", "emergency", value, EMERGENCY, reason, *sources)


def _symptom(value: str, level: CareLevel, reason: str, *sources: Source) -> Rule:
    return _rule("symptom_", "symptoms", value, level, reason, *sources)


def _retired(rule: Rule) -> Rule:
    return replace(rule, retired=True)


# Declared from the highest level down; reasons are shown in this order.
RULES: tuple[Rule, ...] = (
    # Step 1: signs that need the emergency number, whatever else is true.
    _emergency(
        "stroke_signs",
        "You said you have a face that droops on one side, a hand, arm or leg that is "
        "suddenly weak or numb, or speech that is suddenly slurred or muddled. These can be "
        "signs of a stroke. A drooping face needs help straight away even if it came on "
        "over hours.",
        NHS_STROKE,
        STROKE_ASSOCIATION,
        NICE_NG127,
        NHS_WALES_BELLS_PALSY,
    ),
    _emergency(
        "sudden_vision_or_balance",
        "You said you have suddenly lost your sight, have sudden blurred or double vision, "
        "or sudden dizziness or loss of balance. These can be signs of a stroke, and sudden "
        "loss of sight or sudden double vision needs help at once.",
        NHS_STROKE,
        STROKE_ASSOCIATION,
        SIGHT_ADVICE,
    ),
    _emergency(
        "sudden_severe_headache",
        "You said you have a sudden, very bad headache. A headache that comes on suddenly "
        "and is extremely painful needs help straight away.",
        NHS_HEADACHES,
        STROKE_ASSOCIATION,
    ),
    _emergency(
        "sudden_confusion",
        "You said you have suddenly become confused, or very sleepy and hard to wake. "
        "Someone who suddenly becomes confused needs help straight away.",
        NHS_CONFUSION,
        NHS_MENINGITIS,
    ),
    _emergency(
        "heart_attack_signs",
        "You said you have chest pain that feels heavy, tight or pressing, spreads, or comes "
        "with sweating, feeling sick or being short of breath. These can be signs of a heart "
        "attack.",
        NHS_CHEST_PAIN,
    ),
    _emergency(
        "breathing_difficulty",
        "You said you are struggling to breathe, or choking. Struggling to breathe is an "
        "emergency.",
        NHS_SHORTNESS_OF_BREATH,
    ),
    _emergency(
        "seizure",
        "You said there has been a fit (seizure) now or in the last few hours that was the "
        "first one, lasted more than 5 minutes, came with another without coming round, left "
        "them not fully awake or badly hurt, or they could not be woken within 1 minute. A "
        "fit like this needs help straight away.",
        NHS_SEIZURE,
        EPILEPSY_SOCIETY,
        NHS_FAINTING,
    ),
    _emergency(
        "meningitis_signs",
        "You said you have a high temperature with a stiff neck, or a rash that does not "
        "fade when a glass is pressed on it. These can be signs of meningitis or sepsis, "
        "which need help at once.",
        NHS_MENINGITIS,
    ),
    _emergency(
        "stiff_jaw_after_wound",
        "You said you have a stiff jaw or painful muscle spasms that started days or weeks "
        "after a wound. This can be tetanus, which needs help at once.",
        NHS_TETANUS,
    ),
    _emergency(
        "heatstroke_signs",
        "You said that after heat or hard exercise you have very hot skin that is not "
        "sweating, confusion, or you are still unwell after 30 minutes of cooling down. These "
        "can be signs of heatstroke.",
        NHS_HEAT,
    ),
    _emergency(
        "spreading_weakness_with_breathing_or_swallowing",
        "You said you have weakness that is spreading over hours or days, with trouble "
        "breathing, swallowing or speaking. This can be Guillain-Barré syndrome, which needs "
        "help at once.",
        NHS_WALES_GBS,
        NICE_NG127,
    ),
    _emergency(
        "back_pain_with_numbness_or_bladder",
        "You said you have back pain with numbness around the bottom or genitals, or new "
        "problems controlling the bladder or bowels. This can be cauda equina syndrome, which "
        "needs to be seen in A&E at once.",
        NICE_NG127,
        ROYAL_FREE_CAUDA_EQUINA,
    ),
    # Step 1: a child under 5, whom an online check cannot assess.
    _rule(
        "age_",
        "age",
        "under_5",
        URGENT,
        "You said the person with the twitching is under 5. This check cannot assess "
        "children under 5, so get advice by phone.",
        NHS_111_ONLINE,
    ),
    # Step 2.
    _rule(
        "",
        "triggers",
        "stopped_alcohol_or_drugs",
        URGENT,
        "You said you have stopped or cut down after drinking heavily every day, or after "
        "taking sleeping pills or tranquillisers every day. Shaking, twitching or fits that "
        "start 8 to 24 hours after stopping heavy drinking are signs of withdrawal, and "
        "stopping those medicines suddenly can also cause withdrawal. Get medical help.",
        DRINKAWARE,
        NICE_CKS_BENZODIAZEPINES,
    ),
    _symptom(
        "getting_worse_quickly",
        URGENT,
        "You said weakness or numbness is getting worse day by day. Weakness that gets "
        "worse quickly needs to be seen by a doctor straight away.",
        NHS_WALES_GBS,
        NICE_NG127,
    ),
    _symptom(
        "swallowing_or_speech_gradual",
        URGENT,
        "You said that over weeks or months you have started coughing or choking when you "
        "eat or drink, or your speech has become slurred. See a GP without waiting: they "
        "should refer you to a specialist urgently.",
        BMJ_MND,
        NICE_NG42,
    ),
    _symptom(
        "breathless_lying_flat",
        URGENT,
        "You said you are newly short of breath when lying flat or at rest. Breathlessness "
        "like this, together with weakness, needs to be seen the same day.",
        NICE_NG127,
        NHS_SHORTNESS_OF_BREATH,
    ),
    _symptom(
        "fever",
        URGENT,
        "You said you have a high temperature that is not getting better, or is getting "
        "worse, after treating it at home. This needs an urgent appointment.",
        NHS_FEVER,
    ),
    _symptom(
        "vision_gradual",
        URGENT,
        "You said you have blurred or double vision, or pain when moving an eye, that came "
        "on over hours or days. Loss of sight with a painful eye over hours or days needs "
        "help the same day.",
        NICE_NG220,
        HULL_OPTIC_NEURITIS,
    ),
    _symptom(
        "passed_stroke_sign_or_fit",
        URGENT,
        "You said that in the last few days you had a fit, or a sign of a stroke that has "
        "now stopped. This could have been a mini-stroke (TIA) or a first fit. Get seen the "
        "same day: a possible mini-stroke should be seen by a specialist within 24 hours.",
        NICE_NG128,
        STROKE_ASSOCIATION_PASSED,
        NICE_NG217,
    ),
    _symptom(
        "sudden_new_movements",
        URGENT,
        "You said jerky, twisting or wobbly movements, or unsteady walking, started suddenly "
        "in the last few days. A doctor should see this today: in a child, movements like "
        "these must be seen within hours.",
        NICE_NG127,
    ),
    _symptom(
        "serotonin_signs",
        URGENT,
        "You said you recently started, increased or combined an antidepressant or a similar "
        "medicine, and now twitch or jerk with sweating, shivering, agitation or diarrhoea. "
        "This can be serotonin syndrome, a rare but serious reaction. Contact the person who "
        "prescribed it straight away, or go to A&E.",
        MHRA_SEROTONIN,
        NHS_SSRI,
    ),
    _symptom(
        "one_leg_painful_swollen",
        URGENT,
        "You said one leg is painful and swollen. This may be a blood clot (DVT). Call "
        "{emergency_number} if you are also short of breath or have chest pain.",
        NHS_DVT,
    ),
    _symptom(
        "pregnancy_warning_signs",
        URGENT,
        "You said you are pregnant or have recently given birth, and have signs such as a bad "
        "headache, problems with your sight, or sudden swelling. These can be signs of "
        "pre-eclampsia. Call your midwife, GP surgery or 111 at once.",
        NHS_PRE_ECLAMPSIA,
    ),
    _symptom(
        "low_blood_sugar",
        URGENT,
        "You said you take medicine for diabetes and feel shaky, sweaty, hungry or confused. "
        "These can be signs of low blood sugar (a hypo), which needs treating at once.",
        NHS_HYPO,
    ),
    _symptom(
        "weakness",
        ROUTINE,
        "You said you have weakness, such as dropping things or tripping. A GP should check "
        "twitching that comes with weakness.",
        NHS_TWITCHING,
        NICE_NG42,
    ),
    _symptom(
        "muscle_wasting",
        ROUTINE,
        "You said a muscle looks thinner than before (muscle wasting). A GP should check this.",
        NICE_NG127,
        NICE_NG42,
    ),
    _symptom(
        "numbness_or_tingling",
        ROUTINE,
        "You said you have numbness or tingling that spreads, or is not where the twitch is. "
        "A GP should check this.",
        NICE_NG220,
    ),
    _symptom(
        "stiffness",
        ROUTINE,
        "You said your muscles feel stiff. A GP should check twitching that comes with stiffness.",
        NHS_TWITCHING,
    ),
    _symptom(
        "balance_problems",
        ROUTINE,
        "You said you have problems with balance or walking that came on over days or weeks. "
        "A GP should check this.",
        NICE_NG220,
    ),
    _symptom(
        "tremor_or_slowness",
        ROUTINE,
        "You said you have shaking when you are resting, or slow movements. A GP should check "
        "this.",
        NHS_PARKINSONS,
    ),
    _symptom(
        "uncontrolled_sounds",
        ROUTINE,
        "You said you make sounds, say words or make movements you cannot control. These can "
        "be tics. A GP should check this.",
        NHS_TICS,
        NHS_TOURETTES,
    ),
    _symptom(
        "pain_at_site",
        ROUTINE,
        "You said it hurts where it twitches. This can come from a trapped or irritated "
        "nerve, so a GP should check it.",
        SEED_STOMACH,
    ),
    _symptom(
        "long_cramps",
        ROUTINE,
        "You said you have cramps that last more than 10 minutes, or keep waking you at "
        "night. A GP should check cramps like these.",
        NHS_LEG_CRAMPS,
    ),
    _symptom(
        "thyroid_signs",
        ROUTINE,
        "You said you are losing weight without trying, feel hot or shaky, or have a racing "
        "heartbeat. An overactive thyroid can cause these and twitching, so a GP should "
        "check.",
        NHS_THYROID,
    ),
    _symptom(
        "worry",
        ROUTINE,
        "You said worry about the twitching is stopping you living normally. See a GP when "
        "worry about your health stops you leading a normal life: there is help for it.",
        NHS_HEALTH_ANXIETY,
    ),
    Rule(
        code="lasted_over_2_weeks",
        level=ROUTINE,
        question="duration",
        values=frozenset({"2_weeks_to_3_months", "over_3_months"}),
        reason="You said the twitching has lasted more than 2 weeks. A GP should check "
        "twitching that lasts this long.",
        sources=(NHS_TWITCHING,),
    ),
    Rule(
        code="more_than_one_place",
        level=ROUTINE,
        question="location",
        values=frozenset({"many_places"}),
        at_least=2,
        reason="You said the twitching is in more than one place. A GP should check this.",
        sources=(NHS_TWITCHING,),
    ),
    Rule(
        code="almost_constant",
        level=ROUTINE,
        question="frequency",
        values=frozenset({"almost_constant"}),
        reason="You said it twitches almost all the time. Very frequent twitching should be "
        "checked by a doctor.",
        sources=(SEED_STOMACH,),
    ),
    Rule(
        code="prescribed_medicine",
        level=ROUTINE,
        question="triggers",
        values=frozenset({"prescribed_medicine"}),
        reason="You think a prescribed medicine may be causing the twitching. A GP should "
        "check this. Do not stop taking the medicine without advice.",
        sources=(NHS_TWITCHING,),
    ),
    # The first edition's rules (2026-11-22.1), for stored checks; they never fire.
    _retired(
        _symptom(
            "sudden_one_sided_weakness",
            EMERGENCY,
            "You said you have sudden weakness or numbness on one side, a face that has "
            "dropped, or suddenly slurred speech. These can be signs of a stroke. This needs "
            "help straight away.",
            NHS_STROKE,
        )
    ),
    _retired(
        _symptom(
            "breathing_difficulty",
            EMERGENCY,
            "You said you are struggling to breathe. This needs help straight away.",
            NHS_SHORTNESS_OF_BREATH,
        )
    ),
    _retired(
        _symptom(
            "seizure",
            EMERGENCY,
            "You said you have had a fit (seizure) or passed out. This needs help straight away.",
            NHS_SEIZURE,
        )
    ),
    _retired(
        _symptom(
            "swallowing_or_speech",
            URGENT,
            "You said you have difficulty swallowing, or your speech has become slurred. A "
            "doctor should check this today.",
            NICE_NG42,
        )
    ),
    _retired(
        _symptom(
            "fever_or_very_unwell",
            URGENT,
            "You said you have a high temperature, a stiff neck or jaw, or feel very unwell. "
            "An infection can cause twitching, so a doctor should check you today.",
            SEED_STOMACH,
        )
    ),
    _retired(
        _symptom(
            "vision_problems",
            ROUTINE,
            "You said you have problems with your eyesight, such as blurred or double vision, "
            "or pain when you move your eyes. A GP should check this.",
            NICE_NG220,
        )
    ),
)
RULES_BY_CODE = MappingProxyType({rule.code: rule for rule in RULES})
ACTIVE_RULES: tuple[Rule, ...] = tuple(rule for rule in RULES if not rule.retired)


# --- Safety nets ---------------------------------------------------------------


@dataclass(frozen=True)
class Sign:
    """One bullet of a "get help sooner" list; left out when the person has already
    reported it (any rule in `reported_by` fired)."""

    text: str
    reported_by: frozenset[str] = frozenset()


def _sign(text: str, *rule_codes: str) -> Sign:
    return Sign(text, frozenset(rule_codes))


@dataclass(frozen=True)
class SafetyNet:
    """Signs that mean: act sooner than your outcome says."""

    level: CareLevel  # how urgent these signs are; picks the care card style
    heading: str
    signs: tuple[Sign, ...]
    # NHS care cards hold at most 5 bullets: the first 5 not yet reported are shown.
    limit: int = 5


CALL_EMERGENCY_IF = SafetyNet(
    level=EMERGENCY,
    heading="Call {emergency_number} now if you get:",
    signs=(
        _sign(
            "a face that droops on one side, an arm or leg that is suddenly weak or numb, or "
            "speech that is suddenly slurred or muddled",
            "emergency_stroke_signs",
        ),
        _sign(
            "chest pain that feels heavy, tight or pressing, or you are struggling to breathe",
            "emergency_heart_attack_signs",
            "emergency_breathing_difficulty",
        ),
        _sign(
            "a sudden, very bad headache, or sudden confusion",
            "emergency_sudden_severe_headache",
            "emergency_sudden_confusion",
        ),
        _sign("a fit (seizure)", "emergency_seizure"),
        _sign(
            "weakness that spreads over hours or days, with trouble breathing, swallowing or "
            "speaking",
            "emergency_spreading_weakness_with_breathing_or_swallowing",
        ),
    ),
)
GET_HELP_TODAY_IF = SafetyNet(
    level=URGENT,
    heading="If you get any of these, get help today from {urgent_care_contact}:",
    signs=(
        _sign("weakness or numbness that gets worse day by day", "symptom_getting_worse_quickly"),
        _sign(
            "a fit, or a sign of a stroke, that stops by itself",
            "symptom_passed_stroke_sign_or_fit",
        ),
        _sign(
            "new shortness of breath when lying flat or at rest", "symptom_breathless_lying_flat"
        ),
        _sign(
            "coughing or choking when you eat or drink, or speech that becomes slurred",
            "symptom_swallowing_or_speech_gradual",
        ),
        _sign(
            "a high temperature that does not get better after treating it at home",
            "symptom_fever",
        ),
        _sign(
            "blurred or double vision, or pain when moving an eye, over hours or days",
            "symptom_vision_gradual",
        ),
    ),
)
SEE_A_GP_IF = SafetyNet(
    level=ROUTINE,
    heading="See a GP if:",
    signs=(
        _sign("the twitching lasts more than 2 weeks", "lasted_over_2_weeks"),
        _sign("it spreads to other parts of your body", "more_than_one_place"),
        _sign(
            "you notice weakness, or a muscle looks thinner",
            "symptom_weakness",
            "symptom_muscle_wasting",
        ),
        _sign("your muscles feel stiff", "symptom_stiffness"),
        _sign("worry about it stops you living normally", "symptom_worry"),
    ),
)
CALL_EMERGENCY_IF_A_YOUNG_CHILD = SafetyNet(
    level=EMERGENCY,
    heading="Call {emergency_number} now if they:",
    signs=(
        _sign("stop breathing, or will not wake up"),
        _sign("have a spotty purple or red rash that does not fade when a glass is pressed on it"),
        _sign("have a fit for the first time, even if they seem to recover"),
        _sign("are under 8 weeks old and you are very worried about them"),
        _sign("have a severe allergic reaction, or may be seriously injured"),
    ),
)
GET_HELP_SOON_IF_A_YOUNG_CHILD = SafetyNet(
    level=URGENT,
    heading="Get medical help as soon as possible if they:",
    signs=(
        _sign("have a high temperature that does not come down with paracetamol or ibuprofen"),
        _sign("have rapid breathing"),
        _sign("have blue or grey skin"),
        _sign("are hard to wake"),
        _sign("have green vomit, or nappies that are drier than usual"),
    ),
)

# Shown instead of the check while it is switched off (TRIAGE_ENABLED=0).
WHILE_SWITCHED_OFF: tuple[SafetyNet, ...] = (CALL_EMERGENCY_IF, GET_HELP_TODAY_IF, SEE_A_GP_IF)


# --- Outcomes ----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    code: str
    level: CareLevel
    title: str
    summary: str
    what_to_do: tuple[str, ...]
    where: str
    act_sooner: tuple[SafetyNet, ...] = ()
    sources: tuple[Source, ...] = ()
    # Chosen over the level's plain outcome when this rule fires.
    when_rule: str = ""


# The first outcome of the level whose `when_rule` fired (or that has none) is shown.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        code="emergency",
        level=EMERGENCY,
        title="Call {emergency_number} now",
        summary="Your answers include a sign that needs help straight away.",
        what_to_do=(
            "Call {emergency_number} now.",
            "Do not wait to see if it gets better.",
        ),
        where="The emergency services, on {emergency_number}",
    ),
    Outcome(
        code="under_5",
        level=URGENT,
        title="This check cannot assess children under 5",
        summary="For a child under 5, get advice by phone.",
        what_to_do=(
            "Get advice today by phone from {urgent_care_contact}.",
            "Trust your instincts.",
        ),
        where="{urgent_care_contact}",
        act_sooner=(CALL_EMERGENCY_IF_A_YOUNG_CHILD, GET_HELP_SOON_IF_A_YOUNG_CHILD),
        sources=(NHS_111_ONLINE, NHS_BABY),
        when_rule="age_under_5",
    ),
    Outcome(
        code="urgent",
        level=URGENT,
        title="Get medical help today",
        summary="Your answers include a sign that a doctor should check today.",
        what_to_do=(
            "Get help today from {urgent_care_contact}.",
            "Tell them what you told us here. The summary for your GP on this page can help.",
        ),
        where="{urgent_care_contact}",
        act_sooner=(CALL_EMERGENCY_IF,),
    ),
    Outcome(
        code="routine",
        level=ROUTINE,
        title="Make an appointment with a GP",
        summary="Your answers include a sign that a doctor should check.",
        what_to_do=(
            "Book an appointment with your GP in the next couple of weeks.",
            "Tell them what you told us here, such as where the twitching is and how long it "
            "has lasted.",
        ),
        where="Your GP surgery",
        act_sooner=(CALL_EMERGENCY_IF, GET_HELP_TODAY_IF),
    ),
    Outcome(
        code="self_care",
        level=SELF_CARE,
        title="Your twitching is likely to be harmless",
        summary="Your answers do not include any of the signs that a doctor should check.",
        what_to_do=(
            "You do not need to see a doctor for now.",
            "The advice on this page may help.",
        ),
        where="You can look after yourself at home",
        act_sooner=(CALL_EMERGENCY_IF, GET_HELP_TODAY_IF, SEE_A_GP_IF),
    ),
)
OUTCOMES_BY_CODE = MappingProxyType({outcome.code: outcome for outcome in OUTCOMES})


@dataclass(frozen=True)
class Wording:
    """Changes what an outcome says, never its level: when `when` holds, `steps` replace
    the steps of the outcomes in `outcomes`, and no advice that `reassures` is shown."""

    code: str
    when: tuple[When, ...]  # any of these
    outcomes: frozenset[str]
    steps: tuple[str, ...]
    sources: tuple[Source, ...]


WORDINGS: tuple[Wording, ...] = (
    Wording(
        code="weakness_with_wasting",
        when=(When((answered("symptoms", "weakness"), answered("symptoms", "muscle_wasting"))),),
        outcomes=frozenset({"routine"}),
        steps=(
            "Book an appointment with a GP without waiting.",
            "Tell them about the weakness and the muscle that looks thinner.",
        ),
        sources=(BMJ_MND, NICE_NG42),
    ),
    Wording(
        code="swallowing_or_speech_gradual",
        when=(When((answered("symptoms", "swallowing_or_speech_gradual"),)),),
        outcomes=frozenset({"urgent"}),
        steps=(
            "Get help today from {urgent_care_contact}. Do not wait to see if it gets better.",
            "Tell them how your swallowing or speech has changed, and about any weakness.",
        ),
        sources=(BMJ_MND, NICE_NG42),
    ),
)


# --- Advice ------------------------------------------------------------------


class AdviceKind(enum.StrEnum):
    # Keeps someone safe: shown at any level where it applies.
    SAFETY = "safety"
    # Reassurance and lifestyle: shown only up to ROUTINE, where it cannot undercut
    # advice to get help today or now.
    REASSURANCE = "reassurance"


REASSURANCE_UP_TO = ROUTINE


@dataclass(frozen=True)
class Advice:
    """Advice shown when any of `when` holds; with no `when`, whenever its kind allows."""

    code: str
    kind: AdviceKind
    title: str
    text: tuple[str, ...]  # paragraphs
    sources: tuple[Source, ...]
    when: tuple[When, ...] = ()
    # A "see a GP if" list of its own, filtered like the safety nets.
    see_a_gp_heading: str = ""
    see_a_gp_if: tuple[Sign, ...] = ()
    # Shown first on the page, before the outcome (after it on an emergency outcome).
    lead: bool = False
    # Says the twitching is likely harmless: never shown when a Wording applies.
    reassures: bool = False


def _if(question: str, *values: str) -> tuple[When, ...]:
    return (When((answered(question, *values),)),)


SAFETY, REASSURANCE = AdviceKind.SAFETY, AdviceKind.REASSURANCE

ADVICE: tuple[Advice, ...] = (
    Advice(
        code="treat_a_hypo",
        kind=SAFETY,
        title="Treat low blood sugar now",
        text=(
            "Have a sugary drink or sweets now.",
            "Check again after 10 to 15 minutes.",
            "Call {emergency_number} if the person becomes drowsy or unconscious, has a fit, "
            "or does not get better.",
        ),
        sources=(NHS_HYPO,),
        when=_if("symptoms", "low_blood_sugar"),
        lead=True,
    ),
    Advice(
        code="keep_cooling_down",
        kind=SAFETY,
        title="While you wait",
        text=("Keep cooling down while you wait for help.",),
        sources=(NHS_HEAT,),
        when=_if("emergency", "heatstroke_signs"),
    ),
    Advice(
        code="withdrawal",
        kind=SAFETY,
        title="Stopping alcohol or medicines",
        text=(
            "Shaking, twitching or fits that start 8 to 24 hours after stopping or cutting "
            "down heavy, daily drinking are withdrawal symptoms. About 1 in 10 people with "
            "alcohol withdrawal syndrome have fits.",
            "Stopping sleeping pills or tranquillisers (such as diazepam) suddenly, after "
            "taking them every day, can also cause withdrawal, including fits.",
            "Get medical help. Do not stop heavy drinking suddenly without advice.",
        ),
        sources=(DRINKAWARE, NICE_CKS_BENZODIAZEPINES),
        when=_if("triggers", "stopped_alcohol_or_drugs"),
    ),
    Advice(
        code="do_not_stop_drinking_suddenly",
        kind=SAFETY,
        title="If you drink heavily every day",
        text=(
            "Do not stop heavy drinking suddenly without advice. Stopping can cause "
            "withdrawal, and about 1 in 10 people with alcohol withdrawal syndrome have fits.",
        ),
        sources=(DRINKAWARE,),
        when=_if("triggers", "alcohol_or_drugs"),
    ),
    Advice(
        code="heat_and_exercise",
        kind=SAFETY,
        title="Heat and hard exercise",
        text=(
            "In the heat, cramps in the arms, legs and stomach can be a sign of heat "
            "exhaustion. Cool down and drink water.",
            "Call {emergency_number} if you are still unwell after 30 minutes of cooling down.",
        ),
        sources=(NHS_HEAT,),
        when=_if("triggers", "exercise"),
    ),
    Advice(
        code="keep_taking_medicine",
        kind=SAFETY,
        title="Prescribed medicines",
        text=(
            "Some medicines can cause twitches. Do not stop taking a prescribed medicine "
            "without talking to a doctor first.",
        ),
        sources=(NHS_TWITCHING,),
        when=_if("triggers", "prescribed_medicine"),
    ),
    Advice(
        code="mental_health_contacts",
        kind=SAFETY,
        title="If you need help for your mental health urgently",
        text=(
            "In England, call 111 and choose the mental health option (option 2).",
            "Call Samaritans on 116 123, at any time.",
            "Call {emergency_number} if a life is at risk or someone has seriously hurt "
            "themselves.",
        ),
        sources=(SHSC_MENTAL_HEALTH, ABUHB_MENTAL_HEALTH),
        when=_if("symptoms", "worry"),
    ),
    Advice(
        code="twitches_are_common",
        kind=REASSURANCE,
        title="Twitches are common",
        text=("Muscle twitches are common. They are very rarely a sign of anything serious.",),
        sources=(NHS_TWITCHING,),
        reassures=True,
    ),
    Advice(
        code="caffeine",
        kind=REASSURANCE,
        title="Caffeine",
        text=("Caffeine can bring on twitches. Try not to drink lots of tea or coffee.",),
        sources=(NHS_TWITCHING,),
        when=_if("triggers", "caffeine"),
    ),
    Advice(
        code="alcohol",
        kind=REASSURANCE,
        title="Alcohol",
        text=("Alcohol can bring on twitches. Try not to drink lots of alcohol.",),
        sources=(NHS_TWITCHING,),
        when=_if("triggers", "alcohol_or_drugs"),
    ),
    Advice(
        code="relax",
        kind=REASSURANCE,
        title="Stress and anxiety",
        text=(
            "Stress and anxiety can bring on twitches, and worrying can make a twitch worse. "
            "Finding ways to relax may help.",
        ),
        sources=(NHS_TWITCHING,),
        when=_if("triggers", "stress_or_anxiety"),
    ),
    Advice(
        code="rest",
        kind=REASSURANCE,
        title="Tiredness",
        text=("Being tired can bring on twitches. Try to get plenty of rest.",),
        sources=(NHS_TWITCHING,),
        when=_if("triggers", "tiredness_or_poor_sleep"),
    ),
    Advice(
        code="sleep_starts_are_harmless",
        kind=REASSURANCE,
        title="Twitches as you fall asleep",
        text=(
            "Twitches or jerks as you fall asleep are called sleep starts (hypnic jerks). "
            "They are common and harmless.",
        ),
        sources=(SEED_STOMACH,),
        when=_if("triggers", "falling_asleep"),
    ),
    Advice(
        code="cramps",
        kind=REASSURANCE,
        title="Muscle cramps",
        text=(
            "During a cramp, stretch and massage the muscle. Painkillers only help the "
            "soreness afterwards.",
            "Calf stretches 3 times a day, the last one before bed, can help prevent leg cramps.",
        ),
        sources=(NHS_LEG_CRAMPS,),
        when=_if("symptoms", "cramps", "long_cramps"),
        see_a_gp_heading="See a GP if cramps:",
        see_a_gp_if=(
            _sign("disturb your sleep", "symptom_long_cramps"),
            _sign("come with numbness or swelling", "symptom_numbness_or_tingling"),
            _sign("last longer than 10 minutes", "symptom_long_cramps"),
        ),
    ),
    Advice(
        code="worry",
        kind=REASSURANCE,
        title="Worrying about twitches",
        text=(
            "Worrying can make a twitch worse. It can help to cut down, bit by bit, on "
            "checking your body and looking things up, to keep busy, and to find ways to "
            "relax.",
        ),
        sources=(NHS_HEALTH_ANXIETY, NHS_TWITCHING),
        when=_if("symptoms", "worry"),
    ),
)
ADVICE_BY_CODE = MappingProxyType({advice.code: advice for advice in ADVICE})


# --- Articles ----------------------------------------------------------------

ALS = "amyotrophic-lateral-sclerosis"
MS = "multiple-sclerosis"
SHOULDER = "twitching-in-the-shoulder"
STOMACH = "twitching-in-the-stomach"
HEALTH_ANXIETY = "health-anxiety"
TICS = "tics-and-tourettes-syndrome"
CRAMPS = "muscle-cramps"
EYELID = "eyelid-twitching"
BENIGN_FASCICULATION = "benign-fasciculation-syndrome"

MAX_ARTICLES = 3


@dataclass(frozen=True)
class ArticleLink:
    slug: str
    when: tuple[When, ...]  # any of these


# In order of priority: the first MAX_ARTICLES that apply and are published are shown.
# Never on an emergency outcome.
ARTICLE_LINKS: tuple[ArticleLink, ...] = (
    ArticleLink(
        ALS,
        (
            When(
                (answered("symptoms", "weakness"), answered("symptoms", "muscle_wasting")),
                NOT_A_CHILD_OF_5_TO_15,
            ),
            When((answered("symptoms", "swallowing_or_speech_gradual"),), NOT_A_CHILD_OF_5_TO_15),
        ),
    ),
    ArticleLink(
        MS,
        (
            When((answered("symptoms", "vision_gradual"),), NOT_A_CHILD_OF_5_TO_15),
            When(
                (
                    answered("symptoms", "numbness_or_tingling"),
                    answered("symptoms", "balance_problems"),
                ),
                NOT_A_CHILD_OF_5_TO_15,
            ),
        ),
    ),
    ArticleLink(HEALTH_ANXIETY, _if("symptoms", "worry")),
    ArticleLink(TICS, _if("symptoms", "uncontrolled_sounds")),
    ArticleLink(CRAMPS, _if("symptoms", "cramps", "long_cramps")),
    ArticleLink(EYELID, _if("location", "eyelid")),
    ArticleLink(
        BENIGN_FASCICULATION,
        (When((answered("duration", "over_3_months"),), (answered("symptoms", "weakness"),)),),
    ),
    ArticleLink(SHOULDER, _if("location", "shoulder")),
    ArticleLink(STOMACH, _if("location", "stomach")),
)
ARTICLES: tuple[str, ...] = tuple(link.slug for link in ARTICLE_LINKS)


# --- Every source, for checks that each text names one ----------------------------

SOURCES: tuple[Source, ...] = tuple(
    dict.fromkeys(
        source for item in (*RULES, *ADVICE, *OUTCOMES, *WORDINGS) for source in item.sources
    )
)
SOURCES_BY_NAME = MappingProxyType({source.name: source for source in SOURCES})
