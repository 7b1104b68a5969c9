"""Running the site: liveness, readiness, metrics and the admin login's limit on guesses."""

import hmac
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.forms import UsernameField
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import metrics as site_metrics
from core.database import write_deadline
from core.views import too_many_requests
from ops import two_factor as two_factor_service
from ops.ratelimit import (
    LOOPBACK,
    client,
    client_address,
    count_hit_is_past_limit,
    hits,
    is_past_limit,
    seconds_left,
    take_back_hit,
)


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


# A page with a key or codes on it is never kept by a browser or a proxy.
NO_STORE = {"Cache-Control": "no-store, private"}


def admin_login(request: HttpRequest, **kwargs) -> HttpResponse:
    """The admin login, with limits on failed guesses (decision record 003): per client,
    per user name from a client, and, for a name under attack from many clients, a wait
    for each client that has failed for it. A client that has not failed, with the right
    password, is never refused because others failed. Nothing sleeps: a refusal is a 429
    with Retry-After."""
    if request.method != "POST":
        return admin.site.login(request, **kwargs)
    where = client(request)
    user = login_name(request.POST.get("username", ""))
    mine = f"{user}|{where}"
    if hits("login-user", mine) and is_past_limit("login-user-anywhere", user):
        return too_many_requests(request, seconds_left("login-user-anywhere"))
    # Counted before the password is checked, so that guesses sent at once cannot all get
    # past the limit; taken back if the login works: only failures count.
    for scope, identity in (("login-client", where), ("login-user", mine)):
        if count_hit_is_past_limit(scope, identity):
            return too_many_requests(request, seconds_left(scope))
    response = admin.site.login(request, **kwargs)
    if response.status_code == 200:  # the form again: a wrong user name or password
        count_hit_is_past_limit("login-user-anywhere", user)
    else:
        take_back_hit("login-client", where)
        take_back_hit("login-user", mine)
    return response


def login_name(username: str) -> str:
    """The user name as Django reads it before it authenticates (whitespace stripped,
    NFKC), casefolded: "victim ", "\tvictim" and fullwidth "victim" are one name."""
    return (UsernameField().to_python(username[:150]) or "").casefold()


# Two-factor sign-in: the signed-in user's own page (ops/two_factor.py does the writes)


def two_factor(request: HttpRequest) -> HttpResponse:
    """What the user signs in with, and new recovery codes (shown once, after a POST)."""
    codes = None
    if request.method == "POST":
        codes = two_factor_service.recovery_codes_replace(user=request.user, request=request)
    devices = two_factor_service.devices_of(request.user)
    recovery = devices[two_factor_service.RECOVERY]
    context = {
        **admin.site.each_context(request),
        "title": "Two-factor sign-in",
        "authenticators": devices[two_factor_service.AUTHENTICATOR],
        "codes_left": sum(device.token_set.count() for device in recovery),
        "codes": codes,
        "required": settings.REQUIRE_MFA,
    }
    return TemplateResponse(request, "admin/two_factor.html", context, headers=NO_STORE)


def two_factor_authenticator(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: its key as a QR code and in letters, then one code from
    it to confirm."""
    device = two_factor_service.authenticator_start(user=request.user)
    wrong = False
    if request.method == "POST":
        token = request.POST.get("code", "")[:20]
        if two_factor_service.authenticator_confirm(
            user=request.user, token=token, request=request
        ):
            messages.success(request, "Your authenticator app is set up. Use its codes to sign in.")
            return HttpResponseRedirect(reverse("two_factor"))
        wrong = True
    context = {
        **admin.site.each_context(request),
        "title": "Add an authenticator app",
        "qr_code": mark_safe(two_factor_service.qr_code_svg(device)),  # noqa: S308 (segno's own SVG of our key)
        "key": two_factor_service.key_in_groups(device),
        "wrong": wrong,
    }
    return TemplateResponse(
        request, "admin/two_factor_authenticator.html", context, headers=NO_STORE
    )
