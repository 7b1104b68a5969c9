"""System checks for the symptom check, run by `manage.py check` and before `migrate`.

None of them needs a database.
"""

from django.conf import settings
from django.core import checks

from articles import content_files
from triage import governance, rules


@checks.register("triage")
def linked_articles_are_shipped(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every article the symptom check links to is shipped in articles/content/: a slug
    with no file would silently never be shown."""
    shipped = {article.slug for article in content_files.read_all()}
    return [
        checks.Warning(
            f"The symptom check links to the article “{slug}”, and articles/content/ "
            "has no file with that slug, so the link is never shown.",
            hint=f"Add articles/content/{slug}.md, or change ARTICLE_LINKS in triage/rules.py "
            "(a rules change: new RULES_VERSION, changelog entry and safety case).",
            obj="triage.rules.ARTICLE_LINKS",
            id="triage.W001",
        )
        for slug in rules.ARTICLES
        if slug not in shipped
    ]


@checks.register("triage", deploy=True)
def rules_are_approved(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Before a production start (`check --deploy`): the rules' safety records are complete
    and a Clinical Safety Officer has approved this version."""
    found = [
        checks.Error(problem, obj="triage.rules.RULES_VERSION", id="triage.E002")
        for problem in governance.problems()
    ]
    if governance.approval_pending(settings.CLINICAL_SAFETY_OFFICER) and settings.TRIAGE_ENABLED:
        found.append(
            checks.Warning(
                f"Symptom check rules {rules.RULES_VERSION}: approval pending, not for "
                "production. No Clinical Safety Officer has approved this version.",
                hint="Name a CSO (CLINICAL_SAFETY_OFFICER) and record their approval in "
                "triage/CHANGELOG.md and the safety case, or set TRIAGE_ENABLED=0.",
                obj="triage.rules.RULES_VERSION",
                id="triage.W002",
            )
        )
    return found
