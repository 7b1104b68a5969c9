"""The article admin's own pages: preview, publish or discard a pending change, sign off,
compare two versions, and the reviews due. Each write goes through articles/services.py,
which checks the user's rights; these views only ask and show."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles import card_checks, diffs, readability, services, source_links
from articles.models import Article, PendingChange, SourceLink
from articles.reviews import DUE_SOON_DAYS, signed_off_on
from articles.views import article_page_context
from core.placeholders import plain
from feedback.models import Feedback

# The fields a version comparison shows, in the order of the form.
COMPARED_FIELDS = {
    "title": "Title",
    "also_called": "Also called",
    "slug": "Slug",
    "kind": "Kind",
    "status": "Status",
    "summary": "Summary",
    "body": "Body",
    "sources": "Sources",
    "last_reviewed": "Last reviewed",
    "next_review_due": "Next review due",
}


def pending_change_of(article: Article | None) -> PendingChange | None:
    if article is None or article.pk is None:
        return None
    try:
        return article.pending_change
    except PendingChange.DoesNotExist:
        return None


def _article(model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str) -> Article:
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("No such article.")
    if not model_admin.has_view_permission(request, article):
        raise PermissionDenied
    return article


def _change_page(article: Article) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def _page(model_admin, request, template: str, title: str, article=None, **context):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": title,
        "original": article,
        "may_sign_off": services.may_sign_off(request.user),
        **context,
    }
    return TemplateResponse(request, f"admin/articles/article/{template}", context)


def preview(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    """The public page exactly as it will look with the pending changes, for staff only."""
    article = _article(model_admin, request, object_id)
    pending = pending_change_of(article)
    shown = article.with_pending_change() if pending else article
    context = article_page_context(request, article, staff=True, shown=shown)
    context["preview"] = {"pending": pending, "article": article}
    response = TemplateResponse(request, "articles/article_detail.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def publish(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    article = _article(model_admin, request, object_id)
    pending = pending_change_of(article)
    if pending is None:
        model_admin.message_user(request, "This article has no pending changes.", messages.INFO)
        return _change_page(article)
    problem = None
    if request.method == "POST":
        try:
            services.pending_change_publish(article=article, reviewer=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            model_admin.message_user(
                request,
                f"Signed off and published “{article.title}”. Next review due "
                f"{article.next_review_due:%d %B %Y}.",
                messages.SUCCESS,
            )
            return _change_page(article)
    live = _compared_values(article)
    return _page(
        model_admin,
        request,
        "publish.html",
        f"Sign off and publish changes to “{article.title}”",
        article,
        pending=pending,
        problem=problem,
        changes=diffs.field_diffs(live, live | pending.fields, COMPARED_FIELDS),
    )


def discard(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    article = _article(model_admin, request, object_id)
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied  # not even the question
    if request.method == "POST":
        services.pending_change_discard(article=article, user=request.user)
        model_admin.message_user(request, "Discarded the pending changes.", messages.SUCCESS)
        return _change_page(article)
    return _page(
        model_admin,
        request,
        "discard.html",
        f"Discard the pending changes to “{article.title}”?",
        article,
        pending=pending_change_of(article),
    )


def sign_off(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    article = _article(model_admin, request, object_id)
    if request.method == "POST":
        services.article_sign_off(article=article, reviewer=request.user)
        model_admin.message_user(
            request,
            f"Recorded your clinical review of “{article.title}”. Next review due "
            f"{article.next_review_due:%d %B %Y}.",
            messages.SUCCESS,
        )
        return _change_page(article)
    return _page(
        model_admin,
        request,
        "sign_off.html",
        f"Sign off “{article.title}”",
        article,
        dates=signed_off_on(timezone.localdate()),
        pending=pending_change_of(article),
    )


def compare(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    """The differences between two versions of an article from its history."""
    article = _article(model_admin, request, object_id)
    versions = article.history.all()
    try:
        older = get_object_or_404(versions, history_id=int(request.GET.get("from", "")))
        newer = get_object_or_404(versions, history_id=int(request.GET.get("to", "")))
    except ValueError:
        return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))
    if older.history_date > newer.history_date:
        older, newer = newer, older
    values = [_compared_values(version) for version in (older, newer)]
    return _page(
        model_admin,
        request,
        "compare.html",
        f"Compare versions of “{article.title}”",
        article,
        older=older,
        newer=newer,
        changes=diffs.field_diffs(*values, COMPARED_FIELDS),
    )


def revert_changes(object_id: str, version_id: str) -> list[diffs.FieldDiff] | None:
    """What restoring a version from the history would change on the live article (all of
    it, for a deleted one); None when there is no such version."""
    object_id = unquote(object_id)
    if not (object_id.isdigit() and version_id.isdigit()):
        return None
    version = Article.history.filter(id=object_id, history_id=version_id).first()
    if version is None:
        return None
    live = Article.objects.filter(pk=version.id).first()
    return diffs.field_diffs(
        _compared_values(live) if live else {}, _compared_values(version), COMPARED_FIELDS
    )


def _compared_values(version) -> dict:
    return {name: getattr(version, name) for name in COMPARED_FIELDS}


def review_pack(model_admin, request: HttpRequest, object_id: str) -> HttpResponse:
    """What a clinical review needs, on one page, with the sign-off at its foot: readers'
    feedback since the last review, reading ease, the care cards, what links here, the
    changes since the last review and the state of the sources."""
    article = _article(model_admin, request, object_id)
    since = article.last_reviewed
    feedback = Feedback.objects.filter(article=article, created_hour__date__gte=since)
    versions = dict(article.history.values_list("history_id", "history_date"))
    by_version = [
        {**row, "saved": versions.get(row["article_version"])}
        for row in feedback.values("article_version")
        .annotate(yes=Count("id", filter=Q(useful=True)), no=Count("id", filter=Q(useful=False)))
        .order_by("-article_version")
    ]
    labels = dict(Feedback.Reason.choices)
    reasons = [
        (labels.get(row["reason"], "No reason given"), row["count"])
        for row in feedback.filter(useful=False)
        .values("reason")
        .annotate(count=Count("id"))
        .order_by("-count", "reason")
    ]
    # The version signed off: the first to carry the current review date.
    reviewed = article.history.filter(last_reviewed=since).order_by("history_date").first()
    cited = source_links.cited_addresses(article.sources_html)
    checked = {link.url: link for link in SourceLink.objects.filter(url__in=cited)}
    cards = card_checks.card_checks(article.body_html)
    for card in cards:
        card.heading = plain(card.heading)
    return _page(
        model_admin,
        request,
        "review_pack.html",
        f"Review pack: “{article.title}”",
        article,
        since=since,
        by_version=by_version,
        reasons=reasons,
        hardest=readability.hardest_sentences(article.body_html),
        cards=cards,
        linkers=article.linked_from.exclude(pk=article.pk).order_by("title"),
        outside_linkers=article.outside_linkers(),
        reviewed=reviewed,
        changes=diffs.field_diffs(
            _compared_values(reviewed), _compared_values(article), COMPARED_FIELDS
        )
        if reviewed
        else None,
        sources=[(url, checked.get(url)) for url in cited],
        dates=signed_off_on(timezone.localdate()),
        pending=pending_change_of(article),
    )


def reviews_due(model_admin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    articles = [
        (article, article.review_state)
        for article in Article.objects.select_related("last_reviewed_by").reviews_due()
    ]
    return _page(
        model_admin,
        request,
        "reviews_due.html",
        "Reviews due",
        articles=articles,
        soon_days=DUE_SOON_DAYS,
        today=timezone.localdate(),
    )
