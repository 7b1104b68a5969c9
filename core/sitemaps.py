from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PageSitemap(Sitemap):
    """The site's pages that are not articles, by URL name."""

    changefreq = "monthly"

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def items(self) -> list[str]:
        return self.names

    def location(self, name: str) -> str:
        return reverse(name)
