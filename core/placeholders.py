"""The operator's settings that texts name by placeholder: `{emergency_number}` and
`{urgent_care_contact}`. Filled in when a page is drawn, never when a text is saved, so a
changed setting shows at once on every page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Contacts:
    emergency_number: str
    urgent_care_contact: str

    @classmethod
    def from_settings(cls) -> Contacts:
        return cls(settings.EMERGENCY_NUMBER, settings.URGENT_CARE_CONTACT)


def phone_href(number: str) -> str:
    """The address a phone calls for this number."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def phone_link(number: str) -> str:
    """HTML: the number as a link that a phone can call."""
    return f'<a href="{phone_href(number)}">{html.escape(number)}</a>'


def plain(text: str, contacts: Contacts | None = None) -> str:
    """The text with the settings filled in, for places that take no markup (a title)."""
    contacts = contacts or Contacts.from_settings()
    return text.replace("{emergency_number}", contacts.emergency_number).replace(
        "{urgent_care_contact}", contacts.urgent_care_contact
    )


def in_html(html_text: str, contacts: Contacts | None = None) -> str:
    """HTML with the settings filled in, the emergency number as a link a phone can call."""
    contacts = contacts or Contacts.from_settings()
    filled = html_text.replace("{urgent_care_contact}", escape(contacts.urgent_care_contact))
    return filled.replace("{emergency_number}", phone_link(contacts.emergency_number))


def linked(text: str, contacts: Contacts | None = None) -> SafeString:
    """Plain text, escaped, with the settings filled in as `in_html` fills them."""
    return mark_safe(in_html(escape(text), contacts))  # noqa: S308 (escaped, then our own link)
