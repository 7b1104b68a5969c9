"""The symptom check form, built from the questions in triage.rules."""

import secrets

from django import forms

from triage import engine
from triage.rules import QUESTIONS, Question

FORM_KEY_PATTERN = r"^[0-9a-f]{32}$"
UNEXPECTED = "Select an answer from the list"
SENT_TWICE = "Select each answer only once"
FORM_CHANGED = "The form could not be read. Check your answers and send them again."
# Names a browser may send besides the questions.
EXPECTED_EXTRA_FIELDS = {"csrfmiddlewaretoken"}


def new_form_key() -> str:
    return secrets.token_hex(16)


class StrictRadioSelect(forms.RadioSelect):
    """A radio question answered twice (only possible by tampering) is an error, not the last."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return values if len(values) > 1 else super().value_from_datadict(data, files, name)


def _field(question: Question) -> forms.Field:
    choices = [(choice.value, choice.label) for choice in question.choices]
    messages = {"required": question.error_required, "invalid_choice": UNEXPECTED}
    if question.multiple:
        return forms.MultipleChoiceField(
            choices=choices,
            required=question.required,
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages | {"invalid_list": UNEXPECTED},
        )
    return forms.ChoiceField(
        choices=choices,
        required=question.required,
        widget=StrictRadioSelect,
        error_messages=messages,
    )


# Built once and shared by every form: building them was a fifth of the cost of a post
# (see docs/performance.md). Safe because nothing changes a field after this, and the page
# draws its inputs from triage.presenters, not from the fields' widgets. Do not change a
# question's field on a form instance: give the form a field of its own instead.
QUESTION_FIELDS = {question.name: _field(question) for question in QUESTIONS}


class TriageForm(forms.Form):
    form_key = forms.RegexField(
        regex=FORM_KEY_PATTERN,
        widget=forms.HiddenInput,
        error_messages={"required": FORM_CHANGED, "invalid": FORM_CHANGED},
    )
    # A honeypot: hidden from people and screen readers, filled in only by bots.
    website = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(QUESTION_FIELDS)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.is_bound:
            unexpected = set(self.data) - set(self.fields) - EXPECTED_EXTRA_FIELDS
            if unexpected:
                raise forms.ValidationError(FORM_CHANGED, code="unexpected_fields")
        for question in QUESTIONS:
            chosen = cleaned.get(question.name) or []
            if question.exclusive and question.exclusive in chosen and len(chosen) > 1:
                exclusive = question.choice(question.exclusive).label
                self.add_error(
                    question.name,
                    f'Select "{exclusive}" on its own, or select only the ones you have',
                )
        if self.errors:
            return cleaned
        answers = {question.name: cleaned.get(question.name) for question in QUESTIONS}
        try:
            cleaned["answers"] = engine.validate(answers)
        except ValueError as error:
            name = str(error).partition(":")[0]
            self.add_error(name if name in self.fields else None, SENT_TWICE)
        return cleaned
