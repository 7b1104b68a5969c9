"""Turn a person's answers into a care level, reasons, articles and advice.

Pure functions over the tables in ``triage.rules``: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from triage.rules import (
    ADVICE,
    LOCATION_ARTICLES,
    OUTCOMES,
    QUESTIONS,
    QUESTIONS_BY_NAME,
    RULES,
    RULES_VERSION,
    Advice,
    CareLevel,
    Outcome,
    Question,
    Rule,
)

# Normalised answers: a list of choice values for checkbox questions, one
# value for radio questions.
Answers = dict[str, str | list[str]]


@dataclass(frozen=True)
class Reason:
    code: str
    level: CareLevel
    text: str
    articles: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Assessment:
    level: CareLevel
    reasons: tuple[Reason, ...]  # highest level first
    articles: tuple[str, ...]
    advice: tuple[Advice, ...]
    outcome: Outcome
    rules_version: str = RULES_VERSION

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


def validate(answers: Mapping[str, object]) -> Answers:
    """Check raw answers and return them normalised.

    Checkbox answers come back as lists in the order the choices are
    declared, and a missing optional checkbox question as an empty list, so
    equal answers always store the same way.

    Raises ``ValueError`` whose message starts with the question name.
    """
    if not isinstance(answers, Mapping):
        raise ValueError(f"answers: expected a mapping, got {type(answers).__name__}")
    unknown = sorted(str(key) for key in answers if key not in QUESTIONS_BY_NAME)
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown question")
    return {question.name: _clean(question, answers.get(question.name)) for question in QUESTIONS}


def _clean(question: Question, raw: object) -> str | list[str]:
    name = question.name
    if raw is None or raw == "" or raw == [] or raw == ():
        if question.required:
            raise ValueError(f"{name}: an answer is required")
        return [] if question.multiple else ""

    if not question.multiple:
        if not isinstance(raw, str):
            raise ValueError(f"{name}: expected one choice as text, got {type(raw).__name__}")
        _check_known(question, raw)
        return question.choice(raw).value

    # A str is iterable too, and "eyelid" would read as six unknown letters.
    if not isinstance(raw, list | tuple):
        raise ValueError(f"{name}: expected a list of choices, got {type(raw).__name__}")
    for value in raw:
        if not isinstance(value, str):
            raise ValueError(f"{name}: expected choices as text, got {type(value).__name__}")
        _check_known(question, value)
    repeated = sorted({value for value in raw if raw.count(value) > 1})
    if repeated:
        raise ValueError(f"{name}: {repeated[0]!r} is given more than once")
    if question.exclusive in raw and len(raw) > 1:
        raise ValueError(f"{name}: {question.exclusive!r} cannot be combined with another choice")
    return [value for value in question.values if value in raw]


def _check_known(question: Question, value: str) -> None:
    if value not in question.values:
        raise ValueError(f"{question.name}: unknown choice {value!r}")


def assess(answers: Mapping[str, object]) -> Assessment:
    """Assess raw answers: the highest level any rule reaches wins."""
    clean = validate(answers)
    # RULES is declared from the highest level down, so the most serious reason comes first.
    reasons = tuple(_reason(rule) for rule in RULES if _fires(rule, clean))
    level = max((reason.level for reason in reasons), default=CareLevel.SELF_CARE)

    articles = [slug for reason in reasons for slug in reason.articles]
    articles += [LOCATION_ARTICLES[v] for v in clean["location"] if v in LOCATION_ARTICLES]

    return Assessment(
        level=level,
        reasons=reasons,
        articles=tuple(dict.fromkeys(articles)),
        advice=tuple(advice for advice in ADVICE if _advice_applies(advice, clean, level)),
        outcome=OUTCOMES[level],
    )


def _chosen(clean: Answers, question: str) -> list[str]:
    value = clean[question]
    if isinstance(value, list):
        return value
    return [value] if value else []


def _fires(rule: Rule, clean: Answers) -> bool:
    chosen = _chosen(clean, rule.question)
    if rule.values.intersection(chosen):
        return True
    return rule.at_least is not None and len(chosen) >= rule.at_least


def _reason(rule: Rule) -> Reason:
    return Reason(
        code=rule.code,
        level=rule.level,
        text=rule.reason,
        articles=rule.articles,
        source=rule.source,
    )


def _advice_applies(advice: Advice, clean: Answers, level: CareLevel) -> bool:
    if level > advice.up_to:
        return False
    return not advice.question or advice.value in _chosen(clean, advice.question)
