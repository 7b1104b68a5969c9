from django.contrib.sitemaps import Sitemap

from articles.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article: Article):
        return article.updated_at
