from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Article, SlugRedirect
from articles.structured_data import article_json_ld


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published().only("title", "slug", "kind", "summary")
    by_kind = {kind: [] for kind in Article.Kind}
    for article in articles:
        by_kind[article.kind].append(article)
    groups = [(Article.Kind(kind).label, items) for kind, items in by_kind.items() if items]
    return render(request, "articles/home.html", {"groups": groups})


@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    articles = sorted(
        Article.objects.published().only("title", "slug", "summary"),
        key=lambda a: a.title.casefold(),
    )
    letters = [
        (letter, list(items))
        for letter, items in groupby(articles, key=lambda a: a.title[:1].upper())
    ]
    return render(request, "articles/article_list.html", {"letters": letters})


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = Article.objects.filter(slug=slug).first()
    is_staff = request.user.is_authenticated and request.user.is_staff
    if article is None:
        moved = SlugRedirect.objects.filter(old_slug=slug).select_related("article").first()
        if moved is not None and (moved.article.is_published or is_staff):
            return HttpResponsePermanentRedirect(moved.article.get_absolute_url())
    if article is None or not (article.is_published or is_staff):
        raise Http404("No article here.")
    related = article.related.all() if is_staff else article.related.published()
    url = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "article": article,
        "related": related.only("title", "slug", "summary"),
        "json_ld": article_json_ld(article, url),
    }
    return render(request, "articles/article_detail.html", context)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(
        f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", content_type="text/plain"
    )
