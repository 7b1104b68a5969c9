"""Storing a symptom check: the one place a Submission is created."""

import hashlib
import json
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.database import write_deadline
from triage.engine import Answers, Assessment
from triage.models import SafetyConcern, Submission


def to_the_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def answers_digest(answers: Answers) -> str:
    return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()


def submission_create(*, assessment: Assessment, form_key: str) -> tuple[Submission, bool]:
    """Store a check once per form and answers: the same form posted again stores nothing more.

    The answers stored are the assessment's own, as the engine validated them: nothing is
    checked again here. Returns the submission and whether it was stored by this call.
    Returns only once the check is committed; raises (and stores nothing) if it could not
    be within the write deadline: the reader is not kept waiting for our statistics.
    """
    answers = assessment.answers
    digest = answers_digest(answers)
    submission = Submission(
        answers=answers,
        answers_digest=digest,
        level=assessment.level.value,
        reason_codes=list(assessment.reason_codes),
        rules_version=assessment.rules_version,
        form_key=form_key,
        created_hour=to_the_hour(timezone.now()),
    )
    # The unique constraint, not a query before, finds a form sent twice, so a new check
    # (nearly every one) costs one INSERT.
    try:
        with write_deadline():
            submission.save(force_insert=True)
        return submission, True
    except IntegrityError:
        stored = Submission.objects.filter(form_key=form_key, answers_digest=digest).first()
        if stored is None:
            raise  # another constraint
        return stored, False


def concern_create(
    *, category: str, level: str, rules_version: str, form_key: str
) -> tuple[SafetyConcern, bool]:
    """Store a safety concern once per form and category; returns it and whether this call
    stored it. The caller has checked the values (triage.forms.ConcernForm)."""
    try:
        with transaction.atomic():
            return SafetyConcern.objects.get_or_create(
                form_key=form_key,
                category=category,
                defaults={
                    "level": level,
                    "rules_version": rules_version,
                    "created_hour": to_the_hour(timezone.now()),
                },
            )
    except IntegrityError:
        # The same report sent twice at the same moment: the other one stored it.
        return SafetyConcern.objects.get(form_key=form_key, category=category), False
