from django.apps import AppConfig


class TriageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "triage"
    verbose_name = "Symptom check"

    def ready(self) -> None:
        from articles import outside_links
        from triage import checks, rules  # noqa: F401  (checks registers the system checks)

        outside_links.register(
            outside_links.OutsideLinker(
                name="The symptom check",
                slugs=lambda: rules.ARTICLES,
                admin_url_name="triage_rules",
            )
        )
