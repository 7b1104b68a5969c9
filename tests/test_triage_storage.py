"""A check is stored once per form and answers, and is committed before the reader is told."""

from dataclasses import replace
from types import SimpleNamespace

import pytest
from django.db import IntegrityError

from support.triage_forms import VALID
from triage.engine import assess
from triage.models import Submission
from triage.services import submission_create

pytestmark = pytest.mark.django_db


def test_the_same_form_sent_again_returns_the_stored_check():
    first, stored = submission_create(assessment=assess(VALID), form_key="a" * 32)
    again, stored_again = submission_create(assessment=assess(VALID), form_key="a" * 32)
    assert (stored, stored_again) == (True, False)
    assert again.pk == first.pk
    assert Submission.objects.count() == 1


def test_a_check_that_breaks_another_rule_is_not_stored_and_says_so():
    # A level the database does not know: its constraint, not the form key's, refuses it.
    assessment = replace(assess(VALID), level=SimpleNamespace(value="unheard-of"))
    with pytest.raises(IntegrityError):
        submission_create(assessment=assessment, form_key="b" * 32)
    assert not Submission.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_check_stored_outside_a_transaction_is_committed_before_the_call_returns():
    submission, stored = submission_create(assessment=assess(VALID), form_key="d" * 32)
    assert stored and submission.pk is not None
    assert Submission.objects.filter(pk=submission.pk, form_key="d" * 32).exists()
