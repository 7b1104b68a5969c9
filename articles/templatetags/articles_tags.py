from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from articles.rendering import fill_placeholders, phone_link, sanitise

register = template.Library()


@register.filter
def article_html(stored_html: str) -> SafeString:
    """Stored article HTML, sanitised again so that no path into the database can skip it."""
    filled = fill_placeholders(stored_html, emergency_number=phone_link(settings.EMERGENCY_NUMBER))
    return mark_safe(sanitise(filled))  # noqa: S308 (nh3's allow-list has just run)


@register.filter
def article_text(text: str) -> str:
    """Plain text from an article, such as a section heading; the template escapes it."""
    return fill_placeholders(text, emergency_number=settings.EMERGENCY_NUMBER)
