from django import template
from django.conf import settings

from triage import governance, rules

register = template.Library()


@register.inclusion_tag("admin/triage/includes/rules_banner.html")
def rules_approval_banner() -> dict:
    """In production, a banner on every admin page while the rules wait for approval."""
    return {
        "show": not settings.DEBUG
        and governance.approval_pending(settings.CLINICAL_SAFETY_OFFICER),
        "version": rules.RULES_VERSION,
        "triage_enabled": settings.TRIAGE_ENABLED,
    }
