from django.contrib import admin

from core.admin import NoPatternLookups
from feedback.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(NoPatternLookups, admin.ModelAdmin):
    """Readers' answers, read-only: they are what readers said."""

    list_display = ["created_hour", "kind", "article", "useful", "reason", "level"]
    list_filter = ["kind", "useful", "reason", "level"]
    date_hierarchy = "created_hour"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
