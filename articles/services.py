"""Every write to an article, in one place: create, change, publish and unpublish it,
delete it, sign it off, and keep, publish or discard a pending change to it.

Each function takes the acting user and checks their rights itself (`user=None` is the
site itself: load_content). Each validates before it changes anything, and raises
ValidationError or PermissionDenied leaving its argument as it was. A save keeps the old
address redirecting, records the links, renders again the pages that link here, and
clears the page cache once the transaction commits (articles/links.py, core/caching.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles import links, rendering
from articles.models import Article, PendingChange, SlugRedirect
from articles.reviews import signed_off_on
from core.caching import content_changed

User = AbstractBaseUser | None
SIGN_OFF_PERMISSION = "articles.sign_off_article"


# --- Rights -----------------------------------------------------------------------------


def may_sign_off(user: User) -> bool:
    """Whether `user` may publish, and sign off clinically: a clinical reviewer."""
    return user is None or user.has_perm(SIGN_OFF_PERMISSION)


def _require(user: User, action: str) -> None:
    if user is not None and not user.has_perm(f"articles.{action}_article"):
        raise PermissionDenied


def _require_sign_off(user: User) -> None:
    if not may_sign_off(user):
        raise PermissionDenied


def _live(article: Article) -> Article | None:
    return Article.objects.filter(pk=article.pk).first() if article.pk else None


# --- Creating, changing, publishing and unpublishing ----------------------------------


def check_article_save(article: Article, user: User, *, confirm_unpublish: bool = False) -> None:
    """Raise ValidationError if `user` may not save `article` as it now is: publishing, or
    changing a published article, needs a clinical reviewer; unpublishing an article that
    other pages link to needs `confirm_unpublish`. Changes nothing."""
    live = _live(article)
    was_published = live is not None and live.is_published
    if not may_sign_off(user):
        _check_slug_is_free(article)
        if was_published:
            raise ValidationError(
                "This article is published, so changes to it need a clinical reviewer's "
                "sign-off. Choose “Save as pending draft”: the public page stays as it is "
                "until a reviewer publishes your changes."
            )
        if article.is_published:
            raise ValidationError(
                {
                    "status": "Only a clinical reviewer can publish an article. Save it as a "
                    "draft and ask a reviewer to publish it."
                }
            )
    if was_published and not article.is_published and not confirm_unpublish:
        problems = unpublish_problems(live)
        if problems:
            raise ValidationError({"confirm_unpublish": problems})


def _check_slug_is_free(article: Article) -> None:
    """A published article's old address redirects to it; only a clinician may give it to
    another article (which ends the redirect)."""
    redirect = (
        SlugRedirect.objects.filter(old_slug=article.slug, article__status=Article.Status.PUBLISHED)
        .exclude(article_id=article.pk)
        .select_related("article")
        .first()
    )
    if redirect is not None:
        raise ValidationError(
            {
                "slug": f"“{article.slug}” is the old address of the published article "
                f"“{redirect.article.title}”: links to it there still lead to that article. "
                "Choose another address, or ask a clinical reviewer to take this one over."
            }
        )


def unpublish_problems(article: Article) -> list[str]:
    """What unpublishing this article would break, in words for the editor."""
    problems = []
    linkers = list(article.published_linkers())
    if linkers:
        names = ", ".join(f"“{a.title}”" for a in linkers)
        problems.append(
            f"These published articles link here: {names}. Unpublishing turns those links "
            "into plain text. Tick the box to unpublish anyway."
        )
    for outside in article.outside_linkers():
        problems.append(
            f"{outside.name} links to this article. Unpublished, it is no longer offered "
            "there. Tick the box to unpublish anyway."
        )
    return problems


def article_save(
    *,
    article: Article,
    user: User,
    confirm_unpublish: bool = False,
    related: Iterable[Article] | None = None,
    reason: str = "",
) -> Article:
    """Create or change an article, publishing or unpublishing it as its status says.

    `related`: the articles to show beside it, when they change too. `reason`: why, for
    its history.
    """
    # A version brought back from the history of a deleted article is an addition.
    _require(user, "change" if _live(article) else "add")
    check_article_save(article, user, confirm_unpublish=confirm_unpublish)
    _validate(article)
    _save(article, user, reason, related=related)
    return article


def article_placeholder_create(*, article: Article) -> Article:
    """The site's own step (load_content): an article saved before its text, so that
    shipped articles may link to each other. Not validated and not in its history; the
    caller saves its text with article_save in the same transaction."""
    article.skip_history_when_saving = True
    try:
        _save(article, None, "")
    finally:
        del article.skip_history_when_saving
    return article


def _validate(article: Article) -> None:
    """Validate a copy, so that a failure leaves `article` as it was; then keep the
    copy's tidied values (the other names, each once)."""
    candidate = copy.copy(article)
    candidate.full_clean()
    article.also_called = candidate.also_called


def _save(
    article: Article, user: User, reason: str, *, related: Iterable[Article] | None = None
) -> None:
    with transaction.atomic():
        live = _live(article)
        old_slug = live.slug if live else None
        article._history_user = user
        article._change_reason = reason or None
        article.save()
        if related is not None:
            article.related.set(related)
        # Rendered again for its links: saving rendered it without keeping them. Pages
        # linking here are rendered again only when what their link shows changed, so a
        # sign-off or a change to the text costs one rendering, however many link here.
        shown = ("slug", "title", "status")
        shown_changed = live is None or any(
            getattr(live, name) != getattr(article, name) for name in shown
        )
        links.record(article, article.render().links, old_slug, shown_changed=shown_changed)
        content_changed()


def articles_render_again(articles: Iterable[Article]) -> None:
    """The site's own step (load_content): render again after the pipeline changed."""
    with transaction.atomic():
        links.render_again(articles)
        content_changed()


# --- Deleting ---------------------------------------------------------------------------


def may_delete(article: Article, user: User) -> bool:
    """Any article the user may delete articles at all; a published one, a clinician."""
    if user is not None and not user.has_perm("articles.delete_article"):
        return False
    return not article.is_published or may_sign_off(user)


def article_delete(*, article: Article, user: User) -> None:
    """Delete an article. Pages that linked to it show the link as plain text; its old
    addresses stop redirecting."""
    articles_delete(articles=[article], user=user)


def articles_delete(*, articles: Iterable[Article], user: User) -> None:
    """Delete several articles, all or none: PermissionDenied, deleting nothing, if the
    user may not delete any one of them (a published article needs a clinician)."""
    articles = list(articles)
    gone = {article.pk for article in articles}
    with transaction.atomic():
        live = Article.objects.select_for_update().filter(pk__in=gone)
        if not all(may_delete(article, user) for article in [*live, *articles]):
            raise PermissionDenied
        linkers = {linker.pk: linker for a in articles for linker in links.linkers(a)}
        for article in articles:
            article.delete()
        links.render_again(linker for pk, linker in linkers.items() if pk not in gone)
        content_changed()


# --- Clinical sign-off ----------------------------------------------------------------


def _apply_sign_off(article: Article, reviewer: AbstractBaseUser, today: date) -> None:
    dates = signed_off_on(today)
    article.last_reviewed = dates.last_reviewed
    article.next_review_due = dates.next_review_due
    article.last_reviewed_by = reviewer


def article_sign_off(
    *, article: Article, reviewer: AbstractBaseUser, today: date | None = None
) -> Article:
    """Record that a clinician reviewed the article as it stands today. Its text is not
    validated again: a review is recorded even if a page it links to has gone since."""
    _require_sign_off(reviewer)
    _apply_sign_off(article, reviewer, today or timezone.localdate())
    _save(article, reviewer, "Clinical review signed off")
    return article


# --- Pending changes to a published article -------------------------------------------


def pending_change_save(
    *, article: Article, fields: Mapping[str, Any], user: AbstractBaseUser
) -> PendingChange:
    """Keep changes to a published article's text aside; the public page stays as it is."""
    _require(user, "change")
    if not article.is_published:
        raise ValidationError(
            "Only a published article has pending drafts. This one is not published: "
            "choose “Save” instead."
        )
    unknown = set(fields) - set(PendingChange.FIELDS)
    if unknown:
        raise ValueError(f"A pending change holds only text fields, not {sorted(unknown)}")
    values = {name: fields[name] for name in PendingChange.FIELDS if name in fields}
    too_much = {
        name: problem
        for name in rendering.MAX_CHARACTERS
        if (problem := rendering.text_problem(name, values.get(name) or ""))
    }
    if too_much:
        raise ValidationError(too_much)
    pending, _ = PendingChange.objects.update_or_create(
        article=article, defaults={"fields": values, "saved_by": user}
    )
    return pending


def pending_change_discard(*, article: Article, user: AbstractBaseUser) -> None:
    _require(user, "change")
    PendingChange.objects.filter(article=article).delete()


def pending_change_publish(
    *, article: Article, reviewer: AbstractBaseUser, today: date | None = None
) -> Article:
    """Sign off the pending change and publish it: the public page changes now.

    Raises ValidationError, and changes nothing, when the pending text is no longer valid
    (a link to an article that has since gone, say).
    """
    _require_sign_off(reviewer)
    with transaction.atomic():
        pending = PendingChange.objects.select_for_update().get(article=article)
        changed = copy.copy(article)
        for name, value in pending.fields.items():
            setattr(changed, name, value)
        _apply_sign_off(changed, reviewer, today or timezone.localdate())
        _validate(changed)
        _save(changed, reviewer, "Pending change signed off and published")
        pending.delete()
    article.refresh_from_db()
    return article
