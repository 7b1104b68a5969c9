from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from core.placeholders import phone_href, phone_link


def site(request: HttpRequest | None) -> dict[str, str | SafeString]:
    return {
        "emergency_number": settings.EMERGENCY_NUMBER,
        # The number as a link a phone can call, wherever a page shows it.
        "emergency_link": mark_safe(phone_link(settings.EMERGENCY_NUMBER)),  # noqa: S308 (escaped)
        "emergency_href": phone_href(settings.EMERGENCY_NUMBER),
    }
