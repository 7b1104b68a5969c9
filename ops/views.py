"""Running the site: the health check and the admin login's limit on guesses."""

from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.views import too_many_requests
from ops.ratelimit import client_address, count_hit_is_past_limit


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not. Plain text, no page."""
    try:
        with connection.cursor() as cursor:
            # A real table: an empty database that answers "SELECT 1" is not healthy.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def admin_login(request: HttpRequest, **kwargs) -> HttpResponse:
    """The admin login, with a limit on password guesses per client and per user name."""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150].lower()
        if count_hit_is_past_limit(
            "admin-login", client_address(request), **settings.ADMIN_LOGIN_RATE_LIMIT
        ) or count_hit_is_past_limit(
            "admin-login-user", username, **settings.ADMIN_LOGIN_USER_RATE_LIMIT
        ):
            return too_many_requests(request)
    return admin.site.login(request, **kwargs)
