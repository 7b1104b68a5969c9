from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: health check, error pages, abuse limits, backups."""

    name = "ops"
    verbose_name = "Operations"
