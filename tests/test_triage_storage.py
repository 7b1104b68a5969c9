"""Checks stored together in one transaction: each stored once, or none of them."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from support.triage_forms import VALID
from triage.engine import assess
from triage.models import Submission
from triage.services import _store, answers_digest, submission_create, to_the_hour

pytestmark = pytest.mark.django_db


@pytest.fixture
def checks():
    def make(key: str, level: str | None = None) -> Submission:
        assessment = assess(VALID)
        return Submission(
            answers=VALID,
            answers_digest=answers_digest(VALID),
            level=level or assessment.level.value,
            reason_codes=list(assessment.reason_codes),
            rules_version=assessment.rules_version,
            form_key=key,
            created_hour=to_the_hour(timezone.now()),
        )

    return make


def test_several_checks_are_stored_in_one_go(checks):
    assert _store([checks("a" * 32), checks("b" * 32), checks("c" * 32)]) == [True] * 3
    assert sorted(Submission.objects.values_list("form_key", flat=True)) == [
        "a" * 32,
        "b" * 32,
        "c" * 32,
    ]


def test_a_form_sent_twice_in_one_batch_or_before_is_stored_once(checks):
    submission_create(assessment=assess(VALID), form_key="a" * 32)
    stored = _store([checks("a" * 32), checks("b" * 32), checks("b" * 32), checks("c" * 32)])
    assert stored == [False, True, False, True]
    assert sorted(Submission.objects.values_list("form_key", flat=True)) == [
        "a" * 32,
        "b" * 32,
        "c" * 32,
    ]


def test_a_batch_with_a_row_that_breaks_another_rule_stores_nothing(checks):
    with pytest.raises(IntegrityError):
        _store([checks("a" * 32), checks("b" * 32, level="unheard-of"), checks("c" * 32)])
    assert not Submission.objects.exists()


def test_the_same_form_sent_again_returns_the_stored_check():
    first, stored = submission_create(assessment=assess(VALID), form_key="a" * 32)
    again, stored_again = submission_create(assessment=assess(VALID), form_key="a" * 32)
    assert (stored, stored_again) == (True, False)
    assert again.pk == first.pk
    assert Submission.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_check_stored_outside_a_transaction_is_committed_before_the_call_returns():
    submission, stored = submission_create(assessment=assess(VALID), form_key="d" * 32)
    assert stored and submission.pk is not None
    assert Submission.objects.filter(pk=submission.pk, form_key="d" * 32).exists()
