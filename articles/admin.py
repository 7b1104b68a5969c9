from __future__ import annotations

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from articles import admin_views, outside_links, rendering, services
from articles.admin_views import pending_change_of
from articles.models import Article, PendingChange
from articles.reviews import ReviewState
from core.admin import NoPatternLookups
from feedback.models import Feedback

SAVE_DRAFT = "_save_draft"


class ArticleAdminForm(forms.ModelForm):
    confirm_unpublish = forms.BooleanField(
        required=False,
        label="Unpublish even though other pages link here",
        help_text="Links to this article from other articles will show as plain text, and "
        "the symptom check will stop offering it.",
    )

    # Set by ArticleAdmin.get_form on the form class Django makes for each request.
    user = None
    saving_draft = False
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
        """The rights and the unpublishing check are the services'; the form shows their
        errors beside the fields."""
        cleaned = super().clean()
        for field in rendering.MAX_CHARACTERS:  # a pending draft too: it is previewed
            problem = rendering.text_problem(field, cleaned.get(field) or "")
            if problem:
                self.add_error(field, problem)
        if self.saving_draft:
            self._check_pending_change()
            return cleaned
        candidate = copy.copy(self.instance)
        for name in ("status", "slug"):
            if name in cleaned:
                setattr(candidate, name, cleaned[name])
        try:
            services.check_article_save(
                candidate, self.user, confirm_unpublish=cleaned.get("confirm_unpublish", False)
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def _check_pending_change(self) -> None:
        live = Article.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        if live is None or not live.is_published:
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

    def _save_m2m(self) -> None:
        """Nothing: articles/services.py saves the related articles with the article."""

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
class ArticleAdmin(NoPatternLookups, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "kind",
        "status",
        "review_due",
        "readability",
        "has_pending_change",
        "feedback_summary",
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
        form = super().get_form(request, obj, change=change, **kwargs)  # a class per request
        form.user = request.user
        form.saving_draft = SAVE_DRAFT in request.POST
        # A version from the history (reverting) is shown as it was, not with the pending
        # change.
        form.pending = pending_change_of(obj) if obj and to_historic(obj) is None else None
        return form

    # Lists

    def get_queryset(self, request):
        # Readers' answers since each article's last review, counted in the list's own query.
        answers = Feedback.objects.filter(
            article=OuterRef("pk"), created_hour__date__gte=OuterRef("last_reviewed")
        )
        total = answers.values("article").annotate(n=Count("id")).values("n")
        no = answers.filter(useful=False).values("article").annotate(n=Count("id")).values("n")
        return (
            super()
            .get_queryset(request)
            .annotate(
                feedback_total=Coalesce(Subquery(total), 0),
                feedback_no=Coalesce(Subquery(no), 0),
            )
            .annotate(
                not_useful_share=Cast("feedback_no", FloatField())
                / NullIf(Cast("feedback_total", FloatField()), 0.0)
            )
        )

    @admin.display(description="Not useful (since review)", ordering="not_useful_share")
    def feedback_summary(self, article: Article) -> str:
        total = getattr(article, "feedback_total", 0)
        if not total:
            return "No answers"
        return f"{article.feedback_no} of {total}"

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

    # Saving: every write goes through articles/services.py

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {
            "pending": pending_change_of(article),
            "may_sign_off": services.may_sign_off(request.user),
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
        services.article_save(
            article=obj,
            user=request.user,
            confirm_unpublish=form.cleaned_data.get("confirm_unpublish", False),
            related=form.cleaned_data.get("related"),
        )
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
        """Nothing more: save_model's service saved the related articles too."""

    def delete_model(self, request, obj):
        services.article_delete(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        services.articles_delete(articles=queryset, user=request.user)

    # Rights: the services check them on every write; these keep the pages from offering
    # what would be refused, and refuse a history version's form to those who may not
    # make the change it makes (django-simple-history asks for the view right only).

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return services.may_delete(obj, request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not version_id.isdigit():
            raise Http404  # simple_history would pass it to the database and fail with a 500
        if request.method == "POST":
            live = Article.objects.filter(pk=unquote(object_id)).first()
            allowed = (
                self.has_change_permission(request, live)
                if live
                else self.has_add_permission(request)
            )
            if not allowed:
                raise PermissionDenied
        context = {"changes": admin_views.revert_changes(object_id, version_id)}
        return super().history_form_view(
            request, object_id, version_id, context | (extra_context or {})
        )

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
            return admin_views._change_page(obj)
        return super().response_change(request, obj)

    # Deleting: name the articles that link here

    def delete_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {
            "published_linkers": list(article.published_linkers()) if article else [],
            "outside_linkers": article.outside_linkers() if article else [],
        }
        return super().delete_view(request, object_id, context | (extra_context or {}))

    # Extra pages: articles/admin_views.py

    def get_urls(self):
        def page(view):
            def bound(request, *args, **kwargs):
                return view(self, request, *args, **kwargs)

            return self.admin_site.admin_view(bound)

        pages = [
            ("reviews-due/", admin_views.reviews_due, "reviews_due"),
            ("<path:object_id>/preview/", admin_views.preview, "preview"),
            ("<path:object_id>/publish/", admin_views.publish, "publish"),
            ("<path:object_id>/discard/", admin_views.discard, "discard"),
            ("<path:object_id>/sign-off/", admin_views.sign_off, "sign_off"),
            ("<path:object_id>/review/", admin_views.review_pack, "review_pack"),
            ("<path:object_id>/compare/", admin_views.compare, "compare"),
        ]
        return [
            *(path(route, page(v), name=f"articles_article_{name}") for route, v, name in pages),
            *super().get_urls(),
        ]
