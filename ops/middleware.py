import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

from core import metrics
from core.faults import DATABASE
from core.views import database_unavailable
from ops.logs import REQUEST_ID

# nginx's $request_id: 32 hex digits. Anything else from outside is replaced.
REQUEST_ID_PATTERN = re.compile(r"[0-9a-f]{32}")


class RequestIdMiddleware:
    """Each request gets an id, in every log line it causes and in X-Request-ID.

    The id nginx sent (X-Request-ID, also in its access log) is kept when it is one of
    its own shape; otherwise a new random one. It says nothing about the reader.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = sent if REQUEST_ID_PATTERN.fullmatch(sent) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            REQUEST_ID.reset(token)
        response["X-Request-ID"] = request_id
        return response


class MetricsMiddleware:
    """Counts every response by view and status, and times it (core.metrics)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = _view_name(request)
        metrics.REQUESTS.labels(view, str(response.status_code)).inc()
        metrics.LATENCY.labels(view).observe(time.perf_counter() - started)
        return response


def _view_name(request: HttpRequest) -> str:
    # A page served from the page cache was never routed: route it here, for its name.
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "none"
    return match.view_name or "none"


class DatabaseUnavailableMiddleware:
    """A friendly 503 page while the database is down; the next request tries again."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            DATABASE.failed(exception, pause=False)
            return database_unavailable()
        return None


class CrossOriginResourcePolicyMiddleware:
    """Other sites may not embed our responses (Django sets COOP, not CORP)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class UrlencodedFormsOnlyMiddleware:
    """Refuses multipart bodies (415) before anything reads them. No form on the site
    sends one, and their file parts would pass DATA_UPLOAD_MAX_MEMORY_SIZE, which
    counts only the fields, into temporary files."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
            return HttpResponse(
                render_to_string("400.html"), status=415, headers={"Cache-Control": "no-store"}
            )
        return self.get_response(request)


class StaffSessionMiddleware:
    """A staff session ends STAFF_SESSION_IDLE_MINUTES after its last request, and
    SESSION_COOKIE_AGE after signing in, whichever comes first. Readers have no session:
    a request without the session cookie is left alone (and not made to vary on it)."""

    SIGNED_IN_AT = "signed_in_at"

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            signed_in = request.session.setdefault(self.SIGNED_IN_AT, now)
            left = settings.SESSION_COOKIE_AGE - (now - signed_in)
            if left <= 0:
                logout(request)
            else:  # saved with each request, so the idle time counts from the last
                request.session.set_expiry(min(settings.STAFF_SESSION_IDLE_MINUTES * 60, left))
        return self.get_response(request)
