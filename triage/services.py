"""Storing a symptom check: the one place a Submission is created."""

import hashlib
import json
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ops.group_commit import GroupCommit
from triage.engine import Answers, Assessment
from triage.models import SafetyConcern, Submission


def to_the_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def answers_digest(answers: Answers) -> str:
    return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()


def _store(batch: list[Submission]) -> list[bool]:
    """Store the checks in one transaction; for each, whether it is new (False: the same
    form with the same answers was stored before)."""
    try:
        with transaction.atomic():
            Submission.objects.bulk_create(batch)
        return [True] * len(batch)
    except IntegrityError:
        pass
    # A form sent twice is in the batch (rare): the rows one by one, each in a savepoint.
    stored = []
    with transaction.atomic():
        for submission in batch:
            try:
                with transaction.atomic():
                    submission.save(force_insert=True)
                stored.append(True)
            except IntegrityError:
                if not _stored_before(submission):
                    raise  # another constraint: the whole batch fails
                stored.append(False)
    return stored


def _stored_before(submission: Submission) -> bool:
    return Submission.objects.filter(
        form_key=submission.form_key, answers_digest=submission.answers_digest
    ).exists()


# One per process: the checks that its threads are storing at the same moment go in one
# transaction (see ops/group_commit.py and docs/performance.md).
_writer = GroupCommit(_store)


def submission_create(*, assessment: Assessment, form_key: str) -> tuple[Submission, bool]:
    """Store a check once per form and answers: the same form posted again stores nothing more.

    The answers stored are the assessment's own, as the engine validated them: nothing is
    checked again here. Returns the submission and whether it was stored by this call.
    Returns only once the check is committed; raises (and stores nothing) if it could not be.
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
    # (nearly every one) costs one INSERT, shared with the checks stored beside it. Inside
    # a transaction of the caller's own, the check is stored in it, not with others': they
    # must not be told "stored" before that transaction commits.
    if connection.in_atomic_block:
        [stored] = _store([submission])
    else:
        [stored] = [_writer.submit(submission)]
    if stored:
        return submission, True
    return Submission.objects.get(form_key=form_key, answers_digest=digest), False


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
