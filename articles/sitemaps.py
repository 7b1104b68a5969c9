from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from articles.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 100  # addresses per page of a section: rendering them is most of its time

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, article: Article):
        return article.updated_at

    def get_latest_lastmod(self):
        # For the index: one query, not every article read to find the newest.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
