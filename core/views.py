"""Site-wide pages that are not content: robots.txt and the error pages."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.context_processors import site


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(
        f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", content_type="text/plain"
    )


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


def too_many_requests(request: HttpRequest, retry_after: int = 60) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: say what to do, store nothing."""
    return render(request, "403_csrf.html", status=403)
