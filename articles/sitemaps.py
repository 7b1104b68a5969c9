from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article: Article):
        return article.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["articles:home", "articles:list", "triage:form", "triage:privacy"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap}
