import time

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


def _note_sign_in(sender, request, user, **kwargs) -> None:
    """Where a session's 12 hours start (ops.middleware.StaffSessionMiddleware)."""
    from ops.middleware import StaffSessionMiddleware

    if request is not None and hasattr(request, "session"):
        request.session[StaffSessionMiddleware.SIGNED_IN_AT] = int(time.time())


class OpsConfig(AppConfig):
    """Running the site: health check, error pages, abuse limits, backups, staff sessions."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        user_logged_in.connect(_note_sign_in, dispatch_uid="ops-sign-in-time")
