from django import template
from django.db.models import QuerySet

from articles.models import Article

register = template.Library()


@register.simple_tag
def published_linkers_outside(articles: QuerySet) -> list[tuple[Article, list[Article]]]:
    """For each article about to go, the published articles staying behind that link to it."""
    going = {article.pk for article in articles}
    pairs = []
    for article in articles:
        linkers = [a for a in article.published_linkers() if a.pk not in going]
        if linkers:
            pairs.append((article, linkers))
    return pairs
