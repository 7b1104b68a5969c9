"""Running the site: liveness, readiness, metrics and the admin login's limit on guesses."""

import hmac
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import metrics as site_metrics
from core.database import write_deadline
from core.views import too_many_requests
from ops.ratelimit import LOOPBACK, client_address, count_hit_is_past_limit


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: 200 while this process serves. It touches nothing else, so a failing
    database or cache never gets a server restarted for no good."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness, as JSON: the database, the cache and free disk space.

    503 only when the database cannot be read: without it no article can be shown. A
    lost cache or a low disk is `degraded` with 200, as readers still get every page.
    """
    report = {"database": _database(), "cache": _cache(), "disk": _disk()}
    return JsonResponse(report, status=200 if report["database"]["read"] == "ok" else 503)


def _database() -> dict[str, str]:
    report = {"read": "ok"}
    try:
        with connection.cursor() as cursor:
            # A real table: an empty database that answers "SELECT 1" is not ready.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"read": "unavailable", "error": type(error).__name__}
    if connection.vendor == "sqlite":
        # Whether a write could start now: SQLite's one write lock, taken and let go.
        try:
            with write_deadline(ms=100):
                pass
            report["write"] = "ok"
        except DatabaseError as error:
            report |= {"write": "unavailable", "error": type(error).__name__}
    return report


def _cache() -> dict[str, str]:
    try:
        for alias in ("default", settings.PAGE_CACHE_ALIAS):
            caches[alias].set("readyz", 1, 10)  # a write: a full cache is degraded too
    except Exception as error:  # any failure of the cache is a degraded site, not a down one
        return {"status": "degraded", "error": type(error).__name__}
    return {"status": "ok"}


def _disk() -> dict[str, str | int]:
    name = settings.DATABASES["default"]["NAME"]
    folder = Path(name).parent if connection.vendor == "sqlite" else settings.BASE_DIR
    free_mb = shutil.disk_usage(folder).free // 2**20
    low = free_mb < settings.READYZ_MIN_FREE_MB
    return {"status": "degraded" if low else "ok", "free_mb": free_mb}


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics: to loopback only, or with METRICS_TOKEN set to its bearer."""
    token = settings.METRICS_TOKEN
    if token:
        sent = request.META.get("HTTP_AUTHORIZATION", "")
        allowed = hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())
    else:
        allowed = client_address(request) in LOOPBACK
    if not allowed:
        return HttpResponse("forbidden\n", status=403, content_type="text/plain")
    body, content_type = site_metrics.exposition()
    return HttpResponse(body, content_type=content_type)


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
