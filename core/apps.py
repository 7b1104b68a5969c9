from django.apps import AppConfig
from django.core.signals import setting_changed


class CoreConfig(AppConfig):
    """What every page shares: the page cache, the site's placeholders and context, robots.txt
    and the page sitemap, and the error pages. It imports no other app of ours."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from core.caching import new_generation

        # A changed setting (the emergency number, in tests) changes pages too.
        setting_changed.connect(new_generation, dispatch_uid="core.caching.setting")
