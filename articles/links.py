"""Links between articles: resolving [[slug]] links, the link graph, slug redirects, and
rendering again the pages that link to one that changed.

Called by articles/services.py when an article is saved or deleted, and by load_content
when the Markdown pipeline changed; never from a model's save() or a signal.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from articles import rendering
from articles.models import Article, SlugRedirect, rendered_fields


def _resolve(articles: models.QuerySet, slug: str) -> rendering.LinkTarget | None:
    article = articles.filter(slug=slug).only("slug", "title").first()
    if article is None:
        article = articles.filter(old_slugs__old_slug=slug).only("slug", "title").first()
    if article is None:
        return None
    return rendering.LinkTarget(url=article.get_absolute_url(), title=article.title)


def resolve_article_link(slug: str) -> rendering.LinkTarget | None:
    """Any article, now or before a rename: what a draft may link to."""
    return _resolve(Article.objects.all(), slug)


def resolve_published_link(slug: str) -> rendering.LinkTarget | None:
    """A published article, now or before a rename: what a published page may link to."""
    return _resolve(Article.objects.published(), slug)


def record(
    article: Article, links: Iterable[str], old_slug: str | None, *, shown_changed: bool = True
) -> None:
    """After `article` was saved: keep its old address redirecting here, note the articles
    its text links to, and, if what a link to it shows changed (`shown_changed`: its
    address, title or status), render again the pages that link to it."""
    # A slug taken over by this article stops redirecting elsewhere.
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if old_slug and old_slug != article.slug:
        SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})
    article.links_to.set(Article.objects.at_slugs(links))
    # Pages that link here must show this article's current address, title and status.
    if shown_changed:
        render_again(linkers(article))


def linkers(article: Article) -> list[Article]:
    """The other articles whose text links to this one, published or not."""
    return list(article.linked_from.exclude(pk=article.pk))


def render_again(articles: Iterable[Article]) -> None:
    """Render articles again after a page they link to changed, moved or went, or after
    the pipeline changed.

    Updated in place, not saved, so that two pages linking to each other do not save each
    other for ever, and so that this is not an editorial change in their history.
    """
    for source in list(articles):
        again = source.render()
        Article.objects.filter(pk=source.pk).update(**rendered_fields(again))
        source.links_to.set(Article.objects.at_slugs(again.links))
