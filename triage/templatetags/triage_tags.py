"""Parts of the symptom check that other pages show."""

from django import template

from core.placeholders import Contacts
from triage.presenters import emergency_signs_card

register = template.Library()


@register.inclusion_tag("includes/care_card.html")
def emergency_signs():
    """The emergency signs card, worded and sourced as in the symptom check's rules."""
    return {"card": emergency_signs_card(Contacts.from_settings())}
