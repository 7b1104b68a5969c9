"""The admin's read-only "Symptom check rules" page, for clinicians: what the check asks,
how it decides and says, with the changelog and the current safety case."""

import re
from dataclasses import dataclass

import markdown
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.rendering import sanitise
from core.placeholders import Contacts, plain
from triage import governance, rules


@dataclass(frozen=True)
class RuleRow:
    code: str
    level: str
    question: str
    fires_when: str
    reason: str
    sources: list[rules.Source]
    hazards: list[str]
    retired: bool


def _fires_when(rule: rules.Rule) -> str:
    question = rules.QUESTIONS_BY_NAME[rule.question]
    if rule.at_least:
        return f"at least {rule.at_least} answers chosen"
    labels = [f"“{question.choice(value).label}”" for value in sorted(rule.values)]
    return " or ".join(labels) + " chosen"


def _hazard_ids() -> dict[str, list[str]] | None:
    """Rule code -> the hazard-log rows that name it; None if the log cannot be read."""
    try:
        hazards = governance.hazard_log()
    except (OSError, ValueError):
        return None
    by_code: dict[str, list[str]] = {}
    for hazard in hazards:
        for name in hazard.named_controls:
            by_code.setdefault(name, []).append(hazard.id)
    return by_code


def document(text: str, top: int = 3) -> SafeString:
    """A Markdown file of ours as HTML, its headings moved down to sit under the page's."""
    levels = [len(m) for m in re.findall(r"^(#{1,6}) ", text, flags=re.MULTILINE)]
    shift = top - min(levels, default=top)
    shifted = re.sub(r"^(#{1,6}) ", lambda m: "#" * min(6, len(m[1]) + shift) + " ", text,
                     flags=re.MULTILINE)  # fmt: skip
    html = markdown.markdown(shifted, extensions=["tables", "sane_lists"], output_format="html")
    return mark_safe(sanitise(html))  # noqa: S308 (nh3's allow-list)


def _case_without_title(case: governance.SafetyCase) -> str:
    return re.sub(r"\A# .*\n", "", case.text)


def rules_page(request: HttpRequest) -> HttpResponse:
    contacts = Contacts.from_settings()

    def text(value: str) -> str:
        return plain(value, contacts)

    hazards = _hazard_ids()
    version = rules.RULES_VERSION
    entry, case = governance.changelog_entry(version), governance.safety_case(version)
    context = {
        **admin.site.each_context(request),
        "title": "Symptom check rules",
        "version": version,
        "fingerprint": governance.fingerprint(),
        "entry": entry,
        "case": case,
        "approval_pending": governance.approval_pending(settings.CLINICAL_SAFETY_OFFICER),
        "problems": governance.problems(),
        "clinical_safety_officer": settings.CLINICAL_SAFETY_OFFICER,
        "triage_enabled": settings.TRIAGE_ENABLED,
        "contacts": contacts,
        "questions": rules.QUESTIONS,
        "rules": [
            RuleRow(
                code=rule.code,
                level=rule.level.label,
                question=rules.QUESTIONS_BY_NAME[rule.question].label,
                fires_when=_fires_when(rule),
                reason=text(rule.reason),
                sources=list(rule.sources),
                hazards=(hazards or {}).get(rule.code, []),
                retired=rule.retired,
            )
            for rule in rules.RULES
        ],
        "hazard_log_readable": hazards is not None,
        "outcomes": [
            {
                "outcome": outcome,
                "title": text(outcome.title),
                "steps": [text(step) for step in outcome.what_to_do],
                "where": text(outcome.where),
                "nets": [
                    (
                        text(net.heading),
                        net.level.label,
                        [text(s.text) for s in net.signs],
                        net.limit,
                    )
                    for net in outcome.act_sooner
                ],
            }
            for outcome in rules.OUTCOMES
        ],
        "advice_classes": [
            (
                "Safety advice",
                "At every level, where its condition holds.",
                [a for a in rules.ADVICE if a.kind is rules.AdviceKind.SAFETY],
            ),
            (
                "Reassurance and lifestyle advice",
                f"Only up to {rules.REASSURANCE_UP_TO.label}; advice that says the twitching is "
                "likely harmless never where a changed wording applies.",
                [a for a in rules.ADVICE if a.kind is rules.AdviceKind.REASSURANCE],
            ),
        ],
        "max_articles": rules.MAX_ARTICLES,
        "changelog": [(e, document(e.text, top=4)) for e in governance.changelog()],
        "case_html": document(_case_without_title(case), top=3) if case else "",
        "case_path": governance.safety_case_shown_as(version),
        "statistics_url": reverse("admin:triage_submission_statistics"),
    }
    return TemplateResponse(request, "admin/triage/rules.html", context)
