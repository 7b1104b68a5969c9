"""Display-only shaping of questions, answers and outcomes, so templates stay simple."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from core.placeholders import Contacts, linked, plain
from triage.engine import Answers, Assessment, Net
from triage.forms import ConcernForm, TriageForm
from triage.rules import (
    CALL_EMERGENCY_IF,
    MAX_ARTICLES,
    QUESTIONS,
    RULES_BY_CODE,
    STEP_ONE,
    AdviceKind,
    CareLevel,
    Question,
    Source,
)

# --- Texts with the settings filled in -----------------------------------------


# --- The form -------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceView:
    id: str
    value: str
    label: str
    hint: str
    hint_items: tuple[str, ...]
    hint_end: str
    checked: bool
    exclusive: bool

    @property
    def has_hint(self) -> bool:
        return bool(self.hint or self.hint_items or self.hint_end)


@dataclass(frozen=True)
class QuestionView:
    name: str
    label: str
    hint: str
    input_type: str
    error: str
    choices: tuple[ChoiceView, ...]

    @property
    def first_id(self) -> str:
        return self.choices[0].id


def selected_values(data: Mapping, questions: Iterable[Question]) -> dict[str, list[str]]:
    """What was ticked, as far as it is a choice on offer: to tick the boxes again."""
    getlist = data.getlist if hasattr(data, "getlist") else lambda name: data.get(name) or []
    selected = {}
    for question in questions:
        values = getlist(question.name)
        values = [values] if isinstance(values, str) else values
        selected[question.name] = [value for value in question.values if value in values]
    return selected


def question_views(
    questions: Iterable[Question], selected: Mapping[str, list[str]], form: TriageForm | None
) -> list[QuestionView]:
    views = []
    for question in questions:
        chosen = set(selected.get(question.name, ()))
        errors = form.errors.get(question.name) if form is not None else None
        views.append(
            QuestionView(
                name=question.name,
                label=question.label,
                hint=question.hint,
                input_type="checkbox" if question.multiple else "radio",
                error=errors[0] if errors else "",
                choices=tuple(
                    ChoiceView(
                        id=f"{question.name}-{index}",
                        value=choice.value,
                        label=choice.label,
                        hint=choice.hint,
                        hint_items=choice.hint_items,
                        hint_end=choice.hint_end,
                        checked=choice.value in chosen,
                        exclusive=choice.value == question.exclusive,
                    )
                    for index, choice in enumerate(question.offered, start=1)
                ),
            )
        )
    return views


def error_summary(form: TriageForm, questions: list[QuestionView]) -> list[tuple[str, str]]:
    """(message, link) pairs, in the order of the page; the same words as at each field."""
    summary = [(message, "#triage-form") for message in dict.fromkeys(form.non_field_errors())]
    summary += [(q.error, f"#{q.first_id}") for q in questions if q.error]
    if "form_key" in form.errors:
        summary.append((form.errors["form_key"][0], "#triage-form"))
    return summary


def hidden_answers(selected: Mapping[str, list[str] | str]) -> list[tuple[str, str]]:
    """(name, value) pairs to carry answers to the next page in hidden fields."""
    pairs = []
    for name, value in selected.items():
        pairs += [(name, v) for v in (value if isinstance(value, list) else [value]) if v]
    return pairs


# --- Answers ----------------------------------------------------------------------


def _labels(question: Question, answers: Answers) -> list[str]:
    value = answers.get(question.name)
    values = value if isinstance(value, list) else [value] if value else []
    return [question.choice(v).label for v in values]


def answer_summary(answers: Answers) -> list[tuple[str, list[str]]]:
    """Each question answered, with the labels of the choices given, for people to read.

    Old checks (and checks that ended at step 1) lack some questions: those are left out.
    """
    return [
        (question.label, _labels(question, answers) or ["None"])
        for question in QUESTIONS
        if question.name in answers
    ]


def answer_summary_line(answers: Answers) -> str:
    return "; ".join(f"{label} {', '.join(chosen)}" for label, chosen in answer_summary(answers))


def step_one_summary(answers: Answers) -> list[tuple[str, str]]:
    return [(q.label, ", ".join(_labels(q, answers))) for q in STEP_ONE if q.name in answers]


def gp_summary(answers: Answers) -> list[tuple[str, str]]:
    """The answers in the words for a GP: every question asked, "none" where nothing was
    chosen."""
    rows = []
    for question in QUESTIONS:
        if question.name in answers:
            labels = [label[0].lower() + label[1:] for label in _labels(question, answers)]
            rows.append((question.gp_label, "; ".join(labels) or "none"))
    return rows


# --- The outcome --------------------------------------------------------------------


@dataclass(frozen=True)
class SourceView:
    name: str
    url: str


@dataclass(frozen=True)
class ReasonView:
    text: SafeString
    sources: list[SourceView]


@dataclass(frozen=True)
class AdviceView:
    code: str
    title: str
    paragraphs: list[SafeString]
    see_a_gp_heading: str
    see_a_gp_if: list[str]
    sources: list[SourceView]


@dataclass(frozen=True)
class CardView:
    card_class: str
    prefix: str
    heading: SafeString
    items: list[SafeString]
    sources: list[SourceView] = field(default_factory=list)
    # A card of its own at the top of the page (an h2), not one of a list (an h3).
    top: bool = False
    summary: str = ""
    # The outcome's own card: its level and code, as data attributes.
    level: str = ""
    code: str = ""


@dataclass(frozen=True)
class OutcomeView:
    code: str
    level: str
    level_label: str
    is_emergency: bool
    card_class: str
    prefix: str
    title: SafeString
    title_text: str
    summary: str
    steps: list[SafeString]
    where: SafeString
    sources: list[SourceView]
    reasons: list[ReasonView]
    lead_cards: list[CardView]
    lead_advice: list[AdviceView]
    safety_advice: list[AdviceView]
    other_advice: list[AdviceView]
    act_sooner: list[CardView]
    answers: list[tuple[str, list[str]]]
    hidden_answers: list[tuple[str, str]]
    ended_at_step_one: bool
    reassuring: bool
    gp_summary: list[tuple[str, str]]
    checked_on: date
    rules_version: str

    @property
    def card(self) -> CardView:
        """The outcome's own care card, at the top of the page."""
        return CardView(
            self.card_class,
            self.prefix,
            self.title,
            self.steps,
            self.sources,
            top=True,
            summary=self.summary,
            level=self.level,
            code=self.code,
        )


def _sources(sources: Iterable[Source]) -> list[SourceView]:
    return [SourceView(source.name, source.url) for source in sources]


def _advice(item, contacts: Contacts) -> AdviceView:
    advice = item.advice
    return AdviceView(
        code=advice.code,
        title=advice.title,
        paragraphs=[linked(text, contacts) for text in advice.text],
        see_a_gp_heading=advice.see_a_gp_heading,
        see_a_gp_if=list(item.see_a_gp_if),
        sources=_sources(advice.sources),
    )


def outcome_view(assessment: Assessment, contacts: Contacts, checked_on: date) -> OutcomeView:
    outcome = assessment.outcome
    advice = assessment.advice
    return OutcomeView(
        code=outcome.code,
        level=assessment.level.value,
        level_label=assessment.level.label,
        is_emergency=assessment.level is CareLevel.EMERGENCY,
        card_class=outcome.level.css_class,
        prefix=outcome.level.care_card_prefix,
        title=linked(outcome.title, contacts),
        title_text=plain(outcome.title, contacts),
        summary=outcome.summary,
        steps=[linked(step, contacts) for step in assessment.steps],
        where=linked(outcome.where, contacts),
        sources=_sources(outcome.sources),
        reasons=[
            ReasonView(linked(reason.text, contacts), _sources(reason.sources))
            for reason in assessment.reasons
        ],
        # Advice that leads the page is as urgent as a "get help today" card.
        lead_cards=[
            CardView(
                CareLevel.URGENT.css_class,
                CareLevel.URGENT.care_card_prefix,
                linked(i.advice.title, contacts),
                [linked(text, contacts) for text in i.advice.text],
                _sources(i.advice.sources),
                top=True,
            )
            for i in advice
            if i.advice.lead
        ],
        lead_advice=[_advice(i, contacts) for i in advice if i.advice.lead],
        safety_advice=[
            _advice(i, contacts)
            for i in advice
            if i.advice.kind is AdviceKind.SAFETY and not i.advice.lead
        ],
        other_advice=[
            _advice(i, contacts) for i in advice if i.advice.kind is AdviceKind.REASSURANCE
        ],
        act_sooner=net_cards(assessment.act_sooner, contacts),
        answers=answer_summary(assessment.answers),
        hidden_answers=hidden_answers(assessment.answers),
        ended_at_step_one=assessment.ended_at_step_one,
        reassuring=assessment.reassuring,
        gp_summary=gp_summary(assessment.answers),
        checked_on=checked_on,
        rules_version=assessment.rules_version,
    )


def net_cards(nets: Iterable[Net], contacts: Contacts, *, top: bool = False) -> list[CardView]:
    """A care card for each "get help sooner" list that has a sign left to show; `top`
    for cards that head their own part of the page (an h2)."""
    return [
        CardView(
            net.level.css_class,
            net.level.care_card_prefix,
            linked(net.heading, contacts),
            [linked(sign, contacts) for sign in net.signs],
            top=top,
        )
        for net in nets
        if net.signs
    ]


def emergency_signs_card(contacts: Contacts) -> CardView:
    """The signs to call the emergency number for, as the symptom check words them, with
    the sources of the rules that ask about them: for the home page."""
    net = CALL_EMERGENCY_IF
    sources = dict.fromkeys(
        source
        for sign in net.signs
        for code in sorted(sign.reported_by)
        for source in RULES_BY_CODE[code].sources
    )
    return CardView(
        net.level.css_class,
        net.level.care_card_prefix,
        linked(net.heading, contacts),
        [linked(sign.text, contacts) for sign in net.signs],
        _sources(sources),
        top=True,
    )


def pick_articles(slugs: Iterable[str], found: Mapping[str, object]) -> list:
    """The first MAX_ARTICLES articles for these slugs that exist, each once."""
    picked = []
    for slug in slugs:
        article = found.get(slug)
        if article is not None and article not in picked:
            picked.append(article)
    return picked[:MAX_ARTICLES]


# --- A safety concern -----------------------------------------------------------------


def concern_question(form: ConcernForm) -> QuestionView:
    field = form["category"]
    errors = form.errors.get("category") if form.is_bound else None
    chosen = form.data.get("category") if form.is_bound else None
    return QuestionView(
        name="category",
        label=field.label,
        hint="Choose the one that fits best.",
        input_type="radio",
        error=errors[0] if errors else "",
        choices=tuple(
            ChoiceView(
                id=f"category-{index}",
                value=value,
                label=label,
                hint="",
                hint_items=(),
                hint_end="",
                checked=value == chosen,
                exclusive=False,
            )
            for index, (value, label) in enumerate(field.field.choices, start=1)
        ),
    )


def concern_errors(form: ConcernForm, question: QuestionView) -> list[tuple[str, str]]:
    if not form.is_bound or form.is_valid():
        return []
    hidden = [
        message
        for name in ("level", "rules_version", "form_key")
        for message in form.errors.get(name, ())
    ]
    summary = [(message, "#concern-form") for message in dict.fromkeys(hidden)]
    if question.error:
        summary.append((question.error, f"#{question.first_id}"))
    return summary
