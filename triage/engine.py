"""Turn a person's answers into a care level, reasons, advice, safety nets and articles.

Pure functions over the tables in ``triage.rules``: no Django, no I/O.

A check has two steps. Step 1 (age and emergency signs) is always answered; when one of
its rules fires (an emergency sign, or a child under 5) the check ends there and step 2
is not asked. Otherwise step 2 (the twitching itself) must be answered too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from triage.rules import (
    ACTIVE_RULES,
    ADVICE,
    ARTICLE_LINKS,
    OUTCOMES,
    QUESTIONS_BY_NAME,
    REASSURANCE_UP_TO,
    RULES_VERSION,
    STEP_ONE,
    STEP_TWO,
    WORDINGS,
    Advice,
    AdviceKind,
    CareLevel,
    Outcome,
    Question,
    Rule,
    SafetyNet,
    Sign,
    Source,
    When,
)

# Normalised answers: a list of choice values for checkbox questions, one value for radio
# questions. A check that ended at step 1 holds only step 1's questions.
Answers = dict[str, str | list[str]]


@dataclass(frozen=True)
class Problem:
    """What is wrong with the answer to one question."""

    question: str  # a question's name, or "answers" for the whole mapping
    code: str  # required, unknown_question, unknown_choice, retired_choice, wrong_type,
    # repeated or exclusive
    message: str


class InvalidAnswersError(ValueError):
    """Raised by `validate`, with every problem found, each naming its question."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(f"{first.question}: {first.message}")

    @property
    def question(self) -> str:
        return self.problems[0].question


@dataclass(frozen=True)
class Reason:
    code: str
    level: CareLevel
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Net:
    """A safety net with only the signs the person has not reported."""

    level: CareLevel
    heading: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class AdviceItem:
    advice: Advice
    see_a_gp_if: tuple[str, ...]  # the signs of its own list not yet reported


@dataclass(frozen=True)
class Assessment:
    answers: Answers  # as validated and stored
    level: CareLevel
    reasons: tuple[Reason, ...]  # highest level first
    outcome: Outcome
    steps: tuple[str, ...]  # what to do
    advice: tuple[AdviceItem, ...]
    act_sooner: tuple[Net, ...]
    articles: tuple[str, ...]  # every article slug that applies, most relevant first
    # Whether the outcome may reassure (say twitches are very rarely serious, or quote a
    # page that does): only up to ROUTINE, and never when a Wording applies.
    reassuring: bool
    rules_version: str = RULES_VERSION

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    @property
    def ended_at_step_one(self) -> bool:
        return not any(question.name in self.answers for question in STEP_TWO)


# --- Validation ---------------------------------------------------------------


def validate(answers: Mapping[str, object], *, step: int | None = None) -> Answers:
    """Check raw answers and return them normalised.

    `step=1` checks step 1's questions alone (a person about to go on to step 2). With no
    step, the answers are a whole check: step 1, then step 2. When step 1 ends the check,
    step 2 is not required: any step-2 answers given are checked and kept, and the rest
    left out.

    Checkbox answers come back as lists in the order the choices are declared, and a
    missing optional checkbox question as an empty list, so equal answers always store
    the same way. Raises `InvalidAnswersError` with every problem found.
    """
    if not isinstance(answers, Mapping):
        raise InvalidAnswersError(
            [Problem("answers", "wrong_type", f"expected a mapping, got {type(answers).__name__}")]
        )
    asked = STEP_ONE if step == 1 else STEP_ONE + STEP_TWO
    names = {question.name for question in asked}
    problems = [
        Problem(str(key), "unknown_question", "unknown question")
        for key in sorted(map(str, answers))
        if key not in names
    ]
    clean, more = _clean_all(STEP_ONE, answers)
    problems += more
    if step != 1:
        step_two = STEP_TWO
        if not more and ends_at_step_one(clean):
            step_two = tuple(q for q in STEP_TWO if not _empty(answers.get(q.name)))
        clean_two, more = _clean_all(step_two, answers)
        clean |= clean_two
        problems += more
    if problems:
        raise InvalidAnswersError(problems)
    return clean


def _clean_all(
    questions: tuple[Question, ...], answers: Mapping[str, object]
) -> tuple[Answers, list[Problem]]:
    clean: Answers = {}
    problems = []
    for question in questions:
        try:
            clean[question.name] = _clean(question, answers.get(question.name))
        except _RefusedError as refused:
            problems.append(Problem(question.name, refused.code, refused.message))
    return clean, problems


def _empty(raw: object) -> bool:
    return raw is None or raw == "" or raw == [] or raw == ()


class _RefusedError(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message


def _clean(question: Question, raw: object) -> str | list[str]:
    if _empty(raw):
        if question.required:
            raise _RefusedError("required", "an answer is required")
        return [] if question.multiple else ""

    if not question.multiple:
        if not isinstance(raw, str):
            raise _RefusedError(
                "wrong_type", f"expected one choice as text, got {type(raw).__name__}"
            )
        _check_offered(question, raw)
        return raw

    # A str is iterable too, and "eyelid" would read as six unknown letters.
    if not isinstance(raw, list | tuple):
        raise _RefusedError("wrong_type", f"expected a list of choices, got {type(raw).__name__}")
    for value in raw:
        if not isinstance(value, str):
            raise _RefusedError(
                "wrong_type", f"expected choices as text, got {type(value).__name__}"
            )
        _check_offered(question, value)
    repeated = sorted({value for value in raw if raw.count(value) > 1})
    if repeated:
        raise _RefusedError("repeated", f"{repeated[0]!r} is given more than once")
    if question.exclusive in raw and len(raw) > 1:
        raise _RefusedError(
            "exclusive", f"{question.exclusive!r} cannot be combined with another choice"
        )
    return [value for value in question.values if value in raw]


def _check_offered(question: Question, value: str) -> None:
    if value in question.retired_values:
        raise _RefusedError("retired_choice", f"{value!r} is no longer asked")
    if value not in question.values:
        raise _RefusedError("unknown_choice", f"unknown choice {value!r}")


# --- Assessment -----------------------------------------------------------------


def ends_at_step_one(step_one: Answers) -> bool:
    """Whether valid step-1 answers end the check (an emergency sign, a child under 5)."""
    return any(_fires(rule, step_one) for rule in _STEP_ONE_RULES)


def assess(answers: Mapping[str, object]) -> Assessment:
    """Assess raw answers: the highest level any rule reaches wins."""
    clean = validate(answers)
    # ACTIVE_RULES is declared from the highest level down: the most serious reason first.
    fired = tuple(rule for rule in ACTIVE_RULES if _fires(rule, clean))
    level = max((rule.level for rule in fired), default=CareLevel.SELF_CARE)
    codes = {rule.code for rule in fired}
    outcome = next(
        o for o in OUTCOMES if o.level is level and (not o.when_rule or o.when_rule in codes)
    )
    wordings = [wording for wording in WORDINGS if _any_holds(wording.when, clean)]
    steps = next((w.steps for w in wordings if outcome.code in w.outcomes), outcome.what_to_do)
    reassurance = level <= REASSURANCE_UP_TO
    reassuring = reassurance and not wordings
    return Assessment(
        answers=clean,
        level=level,
        reasons=tuple(Reason(r.code, r.level, r.reason, r.sources) for r in fired),
        outcome=outcome,
        steps=steps,
        advice=tuple(
            AdviceItem(advice, _unreported(advice.see_a_gp_if, codes))
            for advice in ADVICE
            if _advice_applies(advice, clean, reassurance, reassuring)
        ),
        act_sooner=tuple(_net(net, codes) for net in outcome.act_sooner),
        articles=()
        if level is CareLevel.EMERGENCY
        else tuple(link.slug for link in ARTICLE_LINKS if _any_holds(link.when, clean)),
        reassuring=reassuring,
    )


_STEP_ONE_RULES = tuple(rule for rule in ACTIVE_RULES if QUESTIONS_BY_NAME[rule.question].step == 1)


def _chosen(clean: Answers, question: str) -> list[str]:
    value = clean.get(question)
    if isinstance(value, list):
        return value
    return [value] if value else []


def _fires(rule: Rule, clean: Answers) -> bool:
    chosen = _chosen(clean, rule.question)
    if rule.values.intersection(chosen):
        return True
    return rule.at_least is not None and len(chosen) >= rule.at_least


def _holds(when: When, clean: Answers) -> bool:
    def true(test) -> bool:
        return bool(test.values.intersection(_chosen(clean, test.question)))

    return all(map(true, when.all_of)) and not any(map(true, when.none_of))


def _any_holds(whens: tuple[When, ...], clean: Answers) -> bool:
    return any(_holds(when, clean) for when in whens)


def _advice_applies(advice: Advice, clean: Answers, reassurance: bool, reassuring: bool) -> bool:
    if advice.kind is AdviceKind.REASSURANCE and not reassurance:
        return False
    if advice.reassures and not reassuring:
        return False
    return not advice.when or _any_holds(advice.when, clean)


def _unreported(signs: tuple[Sign, ...], codes: set[str]) -> tuple[str, ...]:
    return tuple(sign.text for sign in signs if not sign.reported_by & codes)


def _net(net: SafetyNet, codes: set[str]) -> Net:
    return Net(net.level, net.heading, _unreported(net.signs, codes)[: net.limit])


def safety_nets(nets: tuple[SafetyNet, ...]) -> tuple[Net, ...]:
    """These lists as shown to someone who has reported nothing (the check switched off)."""
    return tuple(_net(net, set()) for net in nets)
