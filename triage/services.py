"""Storing a symptom check: the one place a Submission is created."""

import hashlib
import json
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from triage.engine import Answers, Assessment, validate
from triage.models import Submission


def to_the_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def answers_digest(answers: Answers) -> str:
    return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()


def submission_create(
    *, answers: Answers, assessment: Assessment, form_key: str
) -> tuple[Submission, bool]:
    """Store a check once per form and answers: the same form posted again stores nothing more.

    Returns the submission and whether it was stored by this call.
    """
    answers = validate(answers)  # stored in one normal form
    digest = answers_digest(answers)
    # Stored straight away: the unique constraint, not a query before, finds a form sent
    # twice, so a new check (nearly every one) costs one statement.
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                answers=answers,
                answers_digest=digest,
                level=assessment.level.value,
                reason_codes=list(assessment.reason_codes),
                rules_version=assessment.rules_version,
                form_key=form_key,
                created_hour=to_the_hour(timezone.now()),
            )
    except IntegrityError:
        # The same form sent again, now or at the same moment: it is stored already.
        return Submission.objects.get(form_key=form_key, answers_digest=digest), False
    return submission, True
