from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "review_due", "updated_at", "view_link"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["related"]
    readonly_fields = ["created_at", "updated_at", "linked_from_list"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "summary"]}),
        ("Text", {"fields": ["body", "sources"]}),
        ("Links", {"fields": ["related", "linked_from_list"]}),
        ("Clinical review", {"fields": ["last_reviewed", "next_review_due"]}),
        ("Changes", {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description="Next review due", ordering="next_review_due")
    def review_due(self, article: Article) -> str:
        if article.review_overdue:
            return format_html("<strong>{} (overdue)</strong>", article.next_review_due)
        return str(article.next_review_due)

    @admin.display(description="Page")
    def view_link(self, article: Article) -> SafeString:
        label = "View page" if article.is_published else "Preview draft"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), label)

    @admin.display(description="Articles that link here")
    def linked_from_list(self, article: Article) -> str:
        sources = article.linked_from.order_by("title") if article.pk else []
        if not sources:
            return "None"
        items = format_html_join(
            "", '<li><a href="{}">{}</a></li>', ((a.get_absolute_url(), a.title) for a in sources)
        )
        return format_html("<ul>{}</ul>", items)
