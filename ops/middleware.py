from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from core.views import database_unavailable


class DatabaseUnavailableMiddleware:
    """A friendly 503 page while the database is down; the next request tries again."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
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
