from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.rendering import sanitise
from core import placeholders

register = template.Library()


@register.filter
def article_html(stored_html: str) -> SafeString:
    """Stored article HTML, sanitised again so that no path into the database can skip it."""
    return mark_safe(sanitise(placeholders.in_html(stored_html)))  # noqa: S308 (nh3's allow-list has just run)


@register.filter
def article_text(text: str) -> str:
    """Plain text from an article, such as a section heading; the template escapes it."""
    return placeholders.plain(text)
