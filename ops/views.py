"""Site-wide pages that are not content: health check and error pages."""

from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.context_processors import site
from ops.ratelimit import client_address, over_limit


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


def _standalone(template: str, status: int) -> HttpResponse:
    # Rendered without a request or the database: anything may be what is broken.
    body = loader.get_template(template).render(site(None))
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponseServerError:
    return _standalone("500.html", 500)


def database_unavailable() -> HttpResponse:
    response = _standalone("503.html", 503)
    response["Retry-After"] = "30"
    return response


def too_many_requests(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: say what to do, store nothing."""
    return render(request, "403_csrf.html", status=403)


def admin_login(request: HttpRequest, **kwargs) -> HttpResponse:
    """The admin login, with a limit on password guesses per client and per user name."""
    if request.method == "POST":
        username = request.POST.get("username", "")[:150].lower()
        if over_limit(
            "admin-login", client_address(request), **settings.ADMIN_LOGIN_RATE_LIMIT
        ) or over_limit("admin-login-user", username, **settings.ADMIN_LOGIN_USER_RATE_LIMIT):
            return too_many_requests(request)
    return admin.site.login(request, **kwargs)
