"""Display-only shaping of questions, answers and outcomes, so templates stay simple."""

from dataclasses import dataclass

from articles.rendering import fill_placeholders
from triage.engine import Answers, Assessment
from triage.forms import TriageForm
from triage.rules import OUTCOMES, QUESTIONS, QUESTIONS_BY_NAME, CareLevel


@dataclass(frozen=True)
class ChoiceView:
    id: str
    value: str
    label: str
    hint: str
    checked: bool
    exclusive: bool


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


def question_views(form: TriageForm) -> list[QuestionView]:
    views = []
    for question in QUESTIONS:
        selected = form[question.name].value() if form.is_bound else None
        if isinstance(selected, str):
            selected = [selected]
        selected = set(selected or [])
        errors = form.errors.get(question.name)
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
                        checked=choice.value in selected,
                        exclusive=choice.value == question.exclusive,
                    )
                    for index, choice in enumerate(question.choices, start=1)
                ),
            )
        )
    return views


def error_summary(form: TriageForm, questions: list[QuestionView]) -> list[tuple[str, str]]:
    """(message, link) pairs, in the order of the page; the same words as at each field."""
    summary = [(message, "#triage-form") for message in form.non_field_errors()]
    summary += [(q.error, f"#{q.first_id}") for q in questions if q.error]
    if "form_key" in form.errors:
        summary.append((form.errors["form_key"][0], "#triage-form"))
    return summary


def answer_summary(answers: Answers) -> list[tuple[str, list[str]]]:
    """Each question with the labels of the choices given, for people to read."""
    rows = []
    for name, value in answers.items():
        question = QUESTIONS_BY_NAME[name]
        values = value if isinstance(value, list) else [value] if value else []
        rows.append((question.label, [question.choice(v).label for v in values] or ["None"]))
    return rows


def answer_summary_line(answers: Answers) -> str:
    return "; ".join(f"{label} {', '.join(chosen)}" for label, chosen in answer_summary(answers))


def fill(text: str, emergency_number: str) -> str:
    # Plain text: the template escapes it.
    return fill_placeholders(text, emergency_number=emergency_number)


@dataclass(frozen=True)
class OutcomeView:
    level: str
    card_class: str
    prefix: str
    title: str
    summary: str
    what_to_do: list[str]
    where: str
    act_sooner: list[tuple[str, str, str, list[str]]]  # card class, prefix, heading, signs


CARD_CLASSES = {
    CareLevel.EMERGENCY: "care-card--emergency",
    CareLevel.URGENT: "care-card--urgent",
    CareLevel.ROUTINE: "care-card--non-urgent",
    CareLevel.SELF_CARE: "care-card--self-care",
}


def outcome_view(assessment: Assessment, emergency_number: str) -> OutcomeView:
    outcome = OUTCOMES[assessment.level]
    return OutcomeView(
        level=assessment.level.value,
        card_class=CARD_CLASSES[assessment.level],
        prefix=outcome.care_card_prefix,
        title=fill(outcome.title, emergency_number),
        summary=fill(outcome.summary, emergency_number),
        what_to_do=[fill(step, emergency_number) for step in outcome.what_to_do],
        where=fill(outcome.where, emergency_number),
        act_sooner=[
            (
                CARD_CLASSES[net.level],
                OUTCOMES[net.level].care_card_prefix,
                fill(net.heading, emergency_number),
                [fill(sign, emergency_number) for sign in net.signs],
            )
            for net in outcome.act_sooner
        ],
    )
