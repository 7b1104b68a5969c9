"""/feedback/: a reader's answer from an article or an outcome page (decision record 014).

Article pages carry no cookie and no token, so that every reader gets the same cached
page; this post therefore cannot use Django's CSRF check. Instead it accepts only fixed
values naming something the site shows, only from a page of this site (Sec-Fetch-Site,
or else Origin), within the site's limit on posts, and a filled honeypot stores nothing.
"""

import logging

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.views import too_many_requests
from feedback.forms import FeedbackForm
from feedback.models import Feedback
from feedback.services import feedback_create
from ops.ratelimit import client, count_hit_is_past_limit, seconds_left

log = logging.getLogger(__name__)


def render(request: HttpRequest, template: str, context=None, status: int = 200) -> HttpResponse:
    """Every page of this flow: no one may keep it, as it follows a reader's answer."""
    response = render_page(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def from_this_site(request: HttpRequest) -> bool:
    """Whether the browser says the post comes from one of our own pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


@csrf_exempt  # see above: the checks that stand in for it
@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if not from_this_site(request) or not form.is_valid():
        return render(request, "feedback/not_sent.html", status=400)
    data = form.cleaned_data
    context = {"data": data, "back": _back(data)}
    if not data["useful"] and "send" not in request.POST:
        context["reasons"] = Feedback.Reason.choices
        return render(request, "feedback/reasons.html", context)
    if data["website"]:
        return render(request, "feedback/thanks.html", context)
    if count_hit_is_past_limit("feedback", client(request)):
        return too_many_requests(request, seconds_left("feedback"))
    try:
        feedback_create(
            kind=data["kind"],
            useful=data["useful"],
            reason=data["reason"],
            article=data["article"],
            article_version=data["version"],
            level=data["level"],
            rules_version=data["rules_version"],
        )
    except DatabaseError as error:  # our statistics, not the reader's: thank them anyway
        log.warning("Feedback not stored: %s", type(error).__name__)
        context["not_stored"] = True
    return render(request, "feedback/thanks.html", context)


def _back(data: dict) -> str | None:
    """Where the reader came from, at the question: an article's page. An outcome was
    the answer to a post, with no address of its own."""
    if data["kind"] == Feedback.Kind.ARTICLE:
        return data["article"].get_absolute_url() + "#feedback"
    return None
