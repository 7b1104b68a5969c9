import io

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.admin import NoPatternLookups
from triage import statistics
from triage.export import write_csv
from triage.models import SafetyConcern, Submission
from triage.presenters import answer_summary_line


class EvidenceAdmin(NoPatternLookups, admin.ModelAdmin):
    """Read-only: what people told us is evidence. Only superusers may delete it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Submission)
class SubmissionAdmin(EvidenceAdmin):
    """Checks: what people asked and what we said."""

    list_display = ["created_hour", "level", "summary", "rules_version"]
    list_filter = ["level", "created_hour", "rules_version"]
    date_hierarchy = "created_hour"
    actions = ["export_csv"]
    fields = ["created_hour", "level", "summary", "reason_codes", "rules_version"]
    readonly_fields = fields
    change_list_template = "admin/triage/submission/change_list.html"

    @admin.display(description="Answers")
    def summary(self, submission: Submission) -> str:
        return answer_summary_line(submission.answers)

    @admin.action(description="Export selected checks as CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset) -> HttpResponse:
        out = io.StringIO()
        write_csv(queryset.order_by("created_hour", "id"), out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="symptom-checks.csv"'
        return response

    def get_urls(self):
        statistics_view = self.admin_site.admin_view(self.statistics_view)
        return [
            path("statistics/", statistics_view, name="triage_submission_statistics"),
            *super().get_urls(),
        ]

    def statistics_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse("You do not have permission to see this page.", status=403)
        weeks = statistics.weekly_levels()
        context = {
            **self.admin_site.each_context(request),
            "title": "Symptom check statistics",
            "opts": self.model._meta,
            "weeks": weeks,
            "levels": statistics.LEVELS,
            "legend": statistics.legend(),
            "bars": statistics.chart_bars(weeks),
            "axis": statistics.axis_labels(weeks),
            "shares": statistics.level_shares(),
            "choices": statistics.choice_counts(),
            "versions": statistics.by_rules_version(),
            "result_labels": statistics.result_labels(),
            "concern_labels": SafetyConcern.Category.labels,
            "list_url": reverse("admin:triage_submission_changelist"),
            "concerns_url": reverse("admin:triage_safetyconcern_changelist"),
        }
        return TemplateResponse(request, "admin/triage/submission/statistics.html", context)


@admin.register(SafetyConcern)
class SafetyConcernAdmin(EvidenceAdmin):
    """Safety concerns, counted per rules version on the statistics page."""

    list_display = ["created_hour", "category", "level", "rules_version"]
    list_filter = ["category", "level", "rules_version"]
    date_hierarchy = "created_hour"
    fields = ["created_hour", "category", "level", "rules_version"]
    readonly_fields = fields
