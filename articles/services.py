"""Editorial changes to articles: the one place that saves, signs off and publishes them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from articles.models import Article, PendingChange
from articles.reviews import signed_off_on


def pending_change_save(
    *, article: Article, fields: Mapping[str, Any], user: AbstractBaseUser
) -> PendingChange:
    """Keep changes to a published article's text aside; the public page stays as it is."""
    unknown = set(fields) - set(PendingChange.FIELDS)
    if unknown:
        raise ValueError(f"A pending change holds only text fields, not {sorted(unknown)}")
    values = {name: fields[name] for name in PendingChange.FIELDS if name in fields}
    pending, _ = PendingChange.objects.update_or_create(
        article=article, defaults={"fields": values, "saved_by": user}
    )
    return pending


def pending_change_discard(*, article: Article) -> None:
    PendingChange.objects.filter(article=article).delete()


def _apply_sign_off(article: Article, reviewer: AbstractBaseUser, today: date) -> None:
    dates = signed_off_on(today)
    article.last_reviewed = dates.last_reviewed
    article.next_review_due = dates.next_review_due
    article.last_reviewed_by = reviewer
    article._history_user = reviewer


def article_sign_off(
    *, article: Article, reviewer: AbstractBaseUser, today: date | None = None
) -> Article:
    """Record that a clinician reviewed the article as it stands today."""
    _apply_sign_off(article, reviewer, today or timezone.localdate())
    article._change_reason = "Clinical review signed off"
    article.save()
    return article


def pending_change_publish(
    *, article: Article, reviewer: AbstractBaseUser, today: date | None = None
) -> Article:
    """Sign off the pending change and publish it: the public page changes now.

    Raises ValidationError, and changes nothing, when the pending text is no longer valid
    (a link to an article that has since gone, say).
    """
    with transaction.atomic():
        pending = PendingChange.objects.select_for_update().get(article=article)
        for name, value in pending.fields.items():
            setattr(article, name, value)
        _apply_sign_off(article, reviewer, today or timezone.localdate())
        article.full_clean()
        article._change_reason = "Pending change signed off and published"
        article.save()
        pending.delete()
    return article
