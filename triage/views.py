from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.caching import cached_html
from articles.models import Article
from ops.ratelimit import client_address, over_limit
from ops.views import too_many_requests
from triage import presenters
from triage.engine import Answers, Assessment, assess
from triage.forms import TriageForm, new_form_key
from triage.services import answers_digest, submission_create


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def triage(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, TriageForm(), new_form_key())
    if over_limit("triage", client_address(request), **settings.TRIAGE_RATE_LIMIT):
        return too_many_requests(request)
    form = TriageForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, form.cleaned_data.get("form_key") or new_form_key())
    answers = form.cleaned_data["answers"]
    assessment = assess(answers)
    # The page shows the outcome of the answers just sent; a form sent twice is stored once.
    # A filled honeypot gets the same page, so a bot learns nothing, and nothing is stored.
    if not form.cleaned_data["website"]:
        submission_create(
            answers=answers, assessment=assessment, form_key=form.cleaned_data["form_key"]
        )
    return HttpResponse(_outcome_html(request, answers, assessment))


def _outcome_html(request: HttpRequest, answers: Answers, assessment: Assessment) -> str:
    """The outcome page. It is the same for the same answers on the same day, so it is kept
    for a few seconds: in a surge of checks, each outcome is rendered once."""

    def render() -> str:
        linked = Article.objects.published().filter(slug__in=assessment.articles)
        articles = {a.slug: a for a in linked.only("title", "slug", "summary")}
        context = {
            "outcome": presenters.outcome_view(assessment, settings.EMERGENCY_NUMBER),
            "answers": presenters.answer_summary(answers),
            "reasons": [
                (reason, [articles[slug] for slug in reason.articles if slug in articles])
                for reason in assessment.reasons
            ],
            "advice": assessment.advice,
            "articles": [articles[slug] for slug in assessment.articles if slug in articles],
            "checked_on": checked_on,
        }
        return render_to_string("triage/outcome.html", context, request)

    checked_on = timezone.localdate()
    parts = (answers_digest(answers), assessment.rules_version, checked_on.isoformat())
    return cached_html(request, "triage-outcome", parts, render)


def _form_page(request: HttpRequest, form: TriageForm, form_key: str) -> HttpResponse:
    questions = presenters.question_views(form)
    context = {
        "questions": questions,
        "errors": presenters.error_summary(form, questions) if form.is_bound else [],
        "form_key": form_key,
    }
    return render(request, "triage/form.html", context)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request, "triage/privacy.html", {"retention_days": settings.TRIAGE_RETENTION_DAYS}
    )
