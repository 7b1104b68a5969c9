from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from articles import diffs, outside_links, services
from articles.models import Article, PendingChange
from articles.reviews import DUE_SOON_DAYS, ReviewState, signed_off_on
from articles.structured_data import article_json_ld

SAVE_DRAFT = "_save_draft"
SIGN_OFF_PERMISSION = "articles.sign_off_article"
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


def can_sign_off(request: HttpRequest) -> bool:
    return request.user.has_perm(SIGN_OFF_PERMISSION)


class ArticleAdminForm(forms.ModelForm):
    confirm_unpublish = forms.BooleanField(
        required=False,
        label="Unpublish even though other pages link here",
        help_text="Links to this article from other articles will show as plain text, and "
        "the symptom check will stop offering it.",
    )

    # Set by ArticleAdmin.get_form for each request.
    saving_draft = False
    may_sign_off = False
    pending: PendingChange | None = None

    class Meta:
        model = Article
        fields = [
            "title",
            "also_called",
            "slug",
            "kind",
            "status",
            "summary",
            "body",
            "sources",
            "related",
            "last_reviewed",
            "next_review_due",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.pending is not None and not self.is_bound:
            # Editors carry on from the pending change, not from the public text.
            self.initial.update(self.pending.fields)

    def clean(self) -> dict:
        cleaned = super().clean()
        live = Article.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        was_published = live is not None and live.is_published
        if self.saving_draft:
            self._check_pending_change(was_published)
        elif not self.may_sign_off:
            if was_published:
                raise ValidationError(
                    "This article is published, so changes to it need a clinical reviewer's "
                    "sign-off. Choose “Save as pending draft”: the public page stays as it "
                    "is until a reviewer publishes your changes."
                )
            if cleaned.get("status") == Article.Status.PUBLISHED:
                self.add_error(
                    "status",
                    "Only a clinical reviewer can publish an article. Save it as a draft "
                    "and ask a reviewer to publish it.",
                )
        if (
            was_published
            and cleaned.get("status") == Article.Status.DRAFT
            and not cleaned.get("confirm_unpublish")
        ):
            linkers = list(live.published_linkers())
            if linkers:
                names = ", ".join(f"“{a.title}”" for a in linkers)
                self.add_error(
                    "confirm_unpublish",
                    f"These published articles link here: {names}. Unpublishing turns those "
                    "links into plain text. Tick the box to unpublish anyway.",
                )
            for outside in live.outside_linkers():
                self.add_error(
                    "confirm_unpublish",
                    f"{outside.name} links to this article. Unpublished, it is no longer "
                    "offered there. Tick the box to unpublish anyway.",
                )
        return cleaned

    def _check_pending_change(self, was_published: bool) -> None:
        if not was_published:
            raise ValidationError(
                "Only a published article has pending drafts. This one is not published: "
                "choose “Save” instead."
            )
        others = [
            self.fields[name].label or name
            for name in self.changed_data
            if name not in PendingChange.FIELDS and name != "confirm_unpublish"
        ]
        if others:
            raise ValidationError(
                "A pending draft holds changes to the title, other names, kind, summary, body "
                f"and sources only. Undo your changes to: {', '.join(str(o) for o in others)}, "
                "or save those separately."
            )

    def _post_clean(self) -> None:
        if self.saving_draft:
            # The article itself is not saved, so it is not validated as if it were.
            return
        super()._post_clean()


class ReviewStateFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [(state.value, state.label) for state in ReviewState]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() is None:
            return queryset
        return queryset.in_review_state(ReviewState(self.value()))


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "kind",
        "status",
        "review_due",
        "readability",
        "has_pending_change",
        "updated_at",
        "view_link",
    ]
    list_filter = [ReviewStateFilter, "kind", "status"]
    list_select_related = ["pending_change"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["related"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "linked_from_list",
        "last_reviewed_by",
        "readability",
    ]
    history_list_display = ["status"]
    object_history_template = "admin/articles/article/object_history.html"
    object_history_form_template = "admin/articles/article/object_history_form.html"

    def get_fieldsets(self, request, obj=None):
        status_fields = ["status", "confirm_unpublish"] if obj and obj.is_published else ["status"]
        return [
            (None, {"fields": ["title", "also_called", "slug", "kind", *status_fields, "summary"]}),
            ("Text", {"fields": ["body", "sources", "readability"]}),
            ("Links", {"fields": ["related", "linked_from_list"]}),
            (
                "Clinical review",
                {"fields": ["last_reviewed", "next_review_due", "last_reviewed_by"]},
            ),
            ("Changes", {"fields": ["created_at", "updated_at"]}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        on_change_page = getattr(request, "_editing_article", False)
        attrs = {
            "saving_draft": SAVE_DRAFT in request.POST,
            "may_sign_off": can_sign_off(request),
            "pending": pending_change_of(obj) if on_change_page else None,
        }
        return type(form.__name__, (form,), attrs)

    # Lists

    @admin.display(description="Next review due", ordering="next_review_due")
    def review_due(self, article: Article) -> str:
        state = article.review_state
        if state is ReviewState.CURRENT:
            return str(article.next_review_due)
        return format_html("<strong>{} ({})</strong>", article.next_review_due, state.label.lower())

    @admin.display(description="Reading ease", ordering="reading_ease")
    def readability(self, article: Article) -> str:
        if article.reading_ease is None:
            return article.reading_level
        return f"{article.reading_ease:.0f}: {article.reading_level} (Flesch; 60 or more is plain)"

    @admin.display(description="Pending changes", boolean=True)
    def has_pending_change(self, article: Article) -> bool:
        return pending_change_of(article) is not None

    @admin.display(description="Page")
    def view_link(self, article: Article) -> SafeString:
        label = "View page" if article.is_published else "Preview draft"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), label)

    @admin.display(description="What links here")
    def linked_from_list(self, article: Article) -> str:
        sources = article.linked_from.exclude(pk=article.pk).order_by("title") if article.pk else []
        outside = article.outside_linkers()
        if not sources and not outside:
            return "None"
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (reverse("admin:articles_article_change", args=[a.pk]), a.title, a.status)
                for a in sources
            ),
        )
        outside_items = format_html_join(
            "",
            '<li><a href="{}">{}</a> (links to it among its results)</li>',
            ((reverse(linker.admin_url_name), linker.name) for linker in outside),
        )
        return format_html("<ul>{}{}</ul>", items, outside_items)

    # Saving: a pending draft instead of the article when asked

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._editing_article = True
        article = self.get_object(request, unquote(object_id))
        context = {
            "pending": pending_change_of(article),
            "may_sign_off": can_sign_off(request),
            "published_linkers": list(article.published_linkers()) if article else [],
            "outside_linkers": article.outside_linkers() if article else [],
        }
        return super().change_view(request, object_id, form_url, context | (extra_context or {}))

    def save_model(self, request, obj, form, change):
        if form.saving_draft:
            services.pending_change_save(
                article=Article.objects.get(pk=obj.pk),
                fields={name: form.cleaned_data[name] for name in PendingChange.FIELDS},
                user=request.user,
            )
            return
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            self._warn_of_outside_links_to(request, form.initial.get("slug", ""), obj)

    def _warn_of_outside_links_to(self, request, old_slug: str, article: Article) -> None:
        for linker in outside_links.linking_to([old_slug]):
            self.message_user(
                request,
                f"{linker.name} links to this article by its old address “{old_slug}”. It "
                f"still finds it through the redirect, but ask a developer to change the link "
                f"to “{article.slug}” in the next version of its rules.",
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        if form.saving_draft:
            return
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if form.saving_draft:
            return "Saved a pending draft (not published)."
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if SAVE_DRAFT in request.POST:
            self.message_user(
                request,
                "Saved as a pending draft. The public page has not changed. Preview it, and "
                "ask a clinical reviewer to sign it off and publish it.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

    # Deleting: name the articles that link here

    def delete_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {
            "published_linkers": list(article.published_linkers()) if article else [],
            "outside_linkers": article.outside_linkers() if article else [],
        }
        return super().delete_view(request, object_id, context | (extra_context or {}))

    # Extra pages

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("reviews-due/", view(self.reviews_due_view), name="articles_article_reviews_due"),
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/publish/",
                view(self.publish_view),
                name="articles_article_publish",
            ),
            path(
                "<path:object_id>/discard/",
                view(self.discard_view),
                name="articles_article_discard",
            ),
            path(
                "<path:object_id>/sign-off/",
                view(self.sign_off_view),
                name="articles_article_sign_off",
            ),
            path(
                "<path:object_id>/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            *super().get_urls(),
        ]

    def _article(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _page(self, request, template: str, title: str, article=None, **context) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "original": article,
            "may_sign_off": can_sign_off(request),
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def preview_view(self, request, object_id):
        """The public page exactly as it will look with the pending changes, for staff only."""
        article = self._article(request, object_id)
        pending = pending_change_of(article)
        shown = article.with_pending_change() if pending else article
        url = request.build_absolute_uri(article.get_absolute_url())
        response = TemplateResponse(
            request,
            "articles/article_detail.html",
            {
                "article": shown,
                "related": article.related.only("title", "slug", "summary"),
                "json_ld": article_json_ld(shown, url),
                "preview": {"pending": pending, "article": article},
            },
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def publish_view(self, request, object_id):
        article = self._article(request, object_id)
        pending = pending_change_of(article)
        if pending is None:
            self.message_user(request, "This article has no pending changes.", messages.INFO)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        problem = None
        if request.method == "POST":
            if not can_sign_off(request):
                raise PermissionDenied
            try:
                services.pending_change_publish(article=article, reviewer=request.user)
            except ValidationError as error:
                problem = " ".join(error.messages)
            else:
                self.message_user(
                    request,
                    f"Signed off and published “{article.title}”. Next review due "
                    f"{article.next_review_due:%d %B %Y}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
            article.refresh_from_db()
        live = {name: getattr(article, name) for name in COMPARED_FIELDS}
        return self._page(
            request,
            "publish.html",
            f"Sign off and publish changes to “{article.title}”",
            article,
            pending=pending,
            problem=problem,
            changes=diffs.field_diffs(live, live | pending.fields, COMPARED_FIELDS),
        )

    def discard_view(self, request, object_id):
        article = self._article(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            services.pending_change_discard(article=article)
            self.message_user(request, "Discarded the pending changes.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return self._page(
            request,
            "discard.html",
            f"Discard the pending changes to “{article.title}”?",
            article,
            pending=pending_change_of(article),
        )

    def sign_off_view(self, request, object_id):
        article = self._article(request, object_id)
        if request.method == "POST":
            if not can_sign_off(request):
                raise PermissionDenied
            services.article_sign_off(article=article, reviewer=request.user)
            self.message_user(
                request,
                f"Recorded your clinical review of “{article.title}”. Next review due "
                f"{article.next_review_due:%d %B %Y}.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return self._page(
            request,
            "sign_off.html",
            f"Sign off “{article.title}”",
            article,
            dates=signed_off_on(timezone.localdate()),
            pending=pending_change_of(article),
        )

    def compare_view(self, request, object_id):
        """The differences between two versions of an article from its history."""
        article = self._article(request, object_id)
        versions = article.history.all()
        try:
            older = get_object_or_404(versions, history_id=int(request.GET.get("from", "")))
            newer = get_object_or_404(versions, history_id=int(request.GET.get("to", "")))
        except ValueError:
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[article.pk])
            )
        if older.history_date > newer.history_date:
            older, newer = newer, older
        values = [{name: getattr(v, name) for name in COMPARED_FIELDS} for v in (older, newer)]
        return self._page(
            request,
            "compare.html",
            f"Compare versions of “{article.title}”",
            article,
            older=older,
            newer=newer,
            changes=diffs.field_diffs(*values, COMPARED_FIELDS),
        )

    def reviews_due_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        articles = [
            (article, article.review_state)
            for article in Article.objects.select_related("last_reviewed_by").reviews_due()
        ]
        return self._page(
            request,
            "reviews_due.html",
            "Reviews due",
            articles=articles,
            soon_days=DUE_SOON_DAYS,
            today=timezone.localdate(),
        )


def pending_change_of(article: Article | None) -> PendingChange | None:
    if article is None or article.pk is None:
        return None
    try:
        return article.pending_change
    except PendingChange.DoesNotExist:
        return None
