from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from articles.rendering import fill_placeholders

register = template.Library()


@register.filter
def article_html(stored_html: str) -> SafeString:
    """HTML that the rendering pipeline sanitised when the article was saved."""
    return mark_safe(  # noqa: S308 (sanitised by articles.rendering at save)
        fill_placeholders(stored_html, emergency_number=settings.EMERGENCY_NUMBER)
    )
