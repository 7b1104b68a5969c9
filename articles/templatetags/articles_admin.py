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


@register.simple_tag
def outside_linkers_of(articles: QuerySet) -> list[tuple[Article, list]]:
    """For each article about to go, the parts of the site outside the articles that link
    to it (the symptom check)."""
    return [(article, linkers) for article in articles if (linkers := article.outside_linkers())]
