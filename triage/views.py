"""The symptom check's pages: step 1, step 2 and the outcome, all answers to posts.

The protocol (docs/decisions/008-two-step-symptom-check.md):

- GET: step 1, with a new one-time form key.
- POST step=1: step 1 checked. An emergency sign or a child under 5 ends the check: the
  outcome, stored with step 1's answers only. Otherwise step 2, carrying step 1's answers
  in hidden fields.
- POST step=2, or every answer and no step: the whole check, step 1's answers checked
  again; the outcome, stored.
- POST change: step 2 (or step 1) with the answers posted ticked again. Stores nothing.

With TRIAGE_ENABLED off, every request gets the emergency and urgent contacts instead.
A safety concern is reported from an outcome page (`concern`).
"""

import re

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from core import metrics
from core.faults import CHECK_STORAGE, database_reason
from core.placeholders import Contacts
from core.views import too_many_requests
from ops.ratelimit import client, count_hit_is_past_limit, seconds_left
from triage import presenters
from triage.engine import (
    InvalidAnswersError,
    assess,
    ends_at_step_one,
    safety_nets,
    validate,
)
from triage.forms import FORM_KEY_PATTERN, ConcernForm, TriageForm, new_form_key
from triage.rules import QUESTIONS, STEP_ONE, STEP_TWO, WHILE_SWITCHED_OFF
from triage.services import concern_create, submission_create


def contacts() -> Contacts:
    return Contacts.from_settings()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def triage(request: HttpRequest) -> HttpResponse:
    if not settings.TRIAGE_ENABLED:
        return _switched_off(request)
    if request.method != "POST":
        return _step_page(request, 1, new_form_key())
    post = request.POST
    if "change" in post:
        return _change(request)
    first = TriageForm(post, questions=STEP_ONE)
    if not first.is_valid():
        return _step_page(request, 1, _key(first), form=first)
    step_one = first.cleaned_data["answers"]
    if post.get("step") == "1":
        if ends_at_step_one(step_one):
            return _outcome(request, first)
        return _step_page(request, 2, _key(first), step_one=step_one)
    whole = TriageForm(post)
    if not whole.is_valid():
        return _step_page(request, 2, _key(first), form=whole, step_one=step_one)
    return _outcome(request, whole)


def _switched_off(request: HttpRequest) -> HttpResponse:
    """The check is off while a safety problem is investigated: the contacts, and nothing
    stored, whatever was posted."""
    cards = presenters.net_cards(safety_nets(WHILE_SWITCHED_OFF), contacts(), top=True)
    return render(request, "triage/switched_off.html", {"cards": cards})


def _key(form: TriageForm) -> str:
    return form.cleaned_data.get("form_key") or new_form_key()


def _outcome(request: HttpRequest, form: TriageForm) -> HttpResponse:
    # Only a post that stores a check counts; a filled honeypot counts as one, so a bot
    # meets the same limit and learns nothing.
    if count_hit_is_past_limit("triage", client(request)):
        return too_many_requests(request, seconds_left("triage"))
    assessment = assess(form.cleaned_data["answers"])
    # The page shows the outcome of the answers just sent, stored or not: assess() needs
    # no database, and the reader's advice never waits on ours.
    stored = form.cleaned_data["website"] or _store(assessment, form.cleaned_data["form_key"])
    found = _articles(assessment.articles) if stored else {}  # no second wait on the database
    context = {
        "outcome": presenters.outcome_view(assessment, contacts(), timezone.localdate()),
        "articles": presenters.pick_articles(assessment.articles, found),
        "form_key": form.cleaned_data["form_key"],
        "not_saved": not stored,
    }
    return render(request, "triage/outcome.html", context)


def _articles(slugs) -> dict:
    try:
        return Article.objects.published().by_slug(slugs)
    except DatabaseError as error:
        CHECK_STORAGE.failed(error, pause=False)
        return {}


def _store(assessment, form_key: str) -> bool:
    """Store the check once; False (logged with its cause, counted) when it could not be."""
    try:
        _, new = submission_create(assessment=assessment, form_key=form_key)
    except DatabaseError as error:
        CHECK_STORAGE.failed(error, pause=False)
        metrics.CHECKS.labels("no", database_reason(error)).inc()
        return False
    metrics.CHECKS.labels("yes", "new" if new else "sent again").inc()
    return True


def _change(request: HttpRequest) -> HttpResponse:
    """Back to a step with the answers posted ticked again; nothing is checked or stored
    beyond what is needed to choose the step."""
    post = request.POST
    key = post.get("form_key", "")
    key = key if re.fullmatch(FORM_KEY_PATTERN, key) else new_form_key()
    selected = presenters.selected_values(post, QUESTIONS)
    try:
        step_one = validate(
            {q.name: selected[q.name] if q.multiple else selected[q.name][0]
             for q in STEP_ONE if selected[q.name]},
            step=1,
        )  # fmt: skip
    except InvalidAnswersError:
        step_one = None
    if post.get("change") == "1" or step_one is None or ends_at_step_one(step_one):
        return _step_page(request, 1, key, selected=selected)
    return _step_page(request, 2, key, step_one=step_one, selected=selected)


def _step_page(
    request: HttpRequest,
    step: int,
    form_key: str,
    *,
    form: TriageForm | None = None,
    step_one: dict | None = None,
    selected: dict | None = None,
) -> HttpResponse:
    """Step 1 or 2. Whatever the person had ticked is ticked again; the answers of the
    other step travel in hidden fields."""
    questions = STEP_ONE if step == 1 else STEP_TWO
    if selected is None:
        selected = presenters.selected_values(request.POST, QUESTIONS)
    views = presenters.question_views(questions, selected, form)
    if step == 1:
        carried = {q.name: selected.get(q.name, []) for q in STEP_TWO}
    else:
        carried = dict(step_one or {})
    context = {
        "step": step,
        "questions": views,
        "errors": presenters.error_summary(form, views) if form is not None else [],
        "form_key": form_key,
        "carried": presenters.hidden_answers(carried),
        "step_one": presenters.step_one_summary(step_one) if step_one else [],
    }
    return render(request, "triage/form.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def concern(request: HttpRequest) -> HttpResponse:
    """Report a safety concern about an outcome.

    An outcome page posts its level and rules version here (never in the address): the
    form. The form posts them back with a category ("send"): stored once, then thanks.
    Reached any other way, the page says where to report from.
    """
    post = request.POST
    if request.method != "POST" or not _from_an_outcome(post):
        return render(request, "triage/concern.html", {"form": None})
    if "send" not in post:
        form = ConcernForm(
            initial={
                "level": post["level"],
                "rules_version": post["rules_version"],
                "form_key": new_form_key(),
            }
        )
        return _concern_page(request, form)
    form = ConcernForm(post)
    if not form.is_valid():
        return _concern_page(request, form)
    if count_hit_is_past_limit("concern", client(request)):
        return too_many_requests(request, seconds_left("concern"))
    concern_create(**form.cleaned_data)
    return render(request, "triage/concern_sent.html")


def _from_an_outcome(post) -> bool:
    """Whether the post names a known level and rules version, as an outcome page does."""
    probe = ConcernForm({"level": post.get("level"), "rules_version": post.get("rules_version")})
    probe.is_valid()
    return "level" not in probe.errors and "rules_version" not in probe.errors


def _concern_page(request: HttpRequest, form: ConcernForm) -> HttpResponse:
    question = presenters.concern_question(form)
    errors = presenters.concern_errors(form, question)
    return render(
        request, "triage/concern.html", {"form": form, "question": question, "errors": errors}
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "triage/privacy.html", {"retention_days": settings.TRIAGE_RETENTION_DAYS}
    )
