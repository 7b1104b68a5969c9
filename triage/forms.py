"""The symptom check form: it reads the answers and the engine judges them.

The engine (`triage.engine.validate`) is the one place answers are checked. This form
reads each question's raw answer from the post, checks the one-time form key and the
honeypot, and shows each problem the engine names at its question.
"""

import secrets

from django import forms

from triage import engine, governance
from triage.models import LEVEL_CHOICES, SafetyConcern
from triage.rules import QUESTIONS, QUESTIONS_BY_NAME, Question

FORM_KEY_PATTERN = r"^[0-9a-f]{32}$"
UNEXPECTED = "Select an answer from the list"
SENT_TWICE = "Select each answer only once"
FORM_CHANGED = "The form could not be read. Check your answers and send them again."
# Names a browser may send besides the questions, the key and the honeypot.
EXPECTED_EXTRA_FIELDS = {"csrfmiddlewaretoken", "step", "change"}
QUESTION_NAMES = {question.name for question in QUESTIONS}


def new_form_key() -> str:
    return secrets.token_hex(16)


class StrictRadioSelect(forms.RadioSelect):
    """A radio question answered twice (only possible by tampering) is an error, not the last."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return values if len(values) > 1 else super().value_from_datadict(data, files, name)


def _field(question: Question) -> forms.Field:
    # Reads the raw answer only: whether it is a valid one is the engine's to say.
    widget = forms.CheckboxSelectMultiple if question.multiple else StrictRadioSelect
    return forms.Field(required=False, widget=widget)


def message_for(question: Question, problem: engine.Problem) -> str:
    if problem.code == "required":
        return question.error_required
    if problem.code == "exclusive":
        label = question.choice(question.exclusive).label
        return f'Select "{label}" on its own, or select only the ones you have'
    if problem.code == "repeated":
        return SENT_TWICE
    return UNEXPECTED


class TriageForm(forms.Form):
    """The answers to `questions` (step 1's, or the whole check's), with the form key."""

    form_key = forms.RegexField(
        regex=FORM_KEY_PATTERN,
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED, "invalid": FORM_CHANGED},
    )
    # A honeypot: hidden from people and screen readers, filled in only by bots.
    website = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, questions: tuple[Question, ...] = QUESTIONS, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields.update({question.name: _field(question) for question in questions})

    def clean(self) -> dict:
        cleaned = super().clean()
        unexpected = set(self.data) - QUESTION_NAMES - set(self.fields) - EXPECTED_EXTRA_FIELDS
        if unexpected:
            raise forms.ValidationError(FORM_CHANGED, code="unexpected_fields")
        # An unanswered question is left out, as the engine expects of a check that ended
        # at step 1 (its step-2 questions are absent, not empty).
        answers = {q.name: cleaned[q.name] for q in self.questions if cleaned.get(q.name)}
        step = 1 if all(question.step == 1 for question in self.questions) else None
        try:
            cleaned["answers"] = engine.validate(answers, step=step)
        except engine.InvalidAnswersError as invalid:
            for problem in invalid.problems:
                question = QUESTIONS_BY_NAME.get(problem.question)
                if question is None or problem.question not in self.fields:
                    self.add_error(None, FORM_CHANGED)
                else:
                    self.add_error(question.name, message_for(question, problem))
        return cleaned


class ConcernForm(forms.Form):
    """A report that an outcome may be unsafe: a fixed category, no free text. The level
    and rules version come from the outcome page, in hidden fields."""

    category = forms.ChoiceField(
        label="What was the problem?",
        choices=SafetyConcern.Category.choices,
        widget=StrictRadioSelect,
        error_messages={
            "required": "Select the kind of problem",
            "invalid_choice": "Select the kind of problem from the list",
        },
    )
    level = forms.ChoiceField(
        choices=LEVEL_CHOICES,
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED, "invalid_choice": FORM_CHANGED},
    )
    rules_version = forms.CharField(
        max_length=40,
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED},
    )
    form_key = forms.RegexField(
        regex=FORM_KEY_PATTERN,
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED, "invalid": FORM_CHANGED},
    )

    def clean_rules_version(self) -> str:
        version = self.cleaned_data["rules_version"]
        if version not in governance.known_versions():
            raise forms.ValidationError(FORM_CHANGED, code="unknown_version")
        return version
