"""Storing feedback: the one write."""

from django.utils import timezone

from core.database import write_deadline
from feedback.models import Feedback
from triage.services import to_the_hour


def feedback_create(
    *,
    kind: str,
    useful: bool,
    reason: str = "",
    article=None,
    article_version: int | None = None,
    level: str = "",
    rules_version: str = "",
) -> Feedback:
    """Store one answer, committed within the write deadline, or raise and store nothing."""
    with write_deadline():
        return Feedback.objects.create(
            kind=kind,
            useful=useful,
            reason=reason,
            article=article,
            article_version=article_version,
            level=level,
            rules_version=rules_version,
            created_hour=to_the_hour(timezone.now()),
        )
