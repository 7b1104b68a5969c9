from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles import search
from articles.models import Article, SlugRedirect
from articles.structured_data import article_json_ld
from core.caching import cached_page

# Up to this many published articles, the A to Z list is one page; beyond, one letter at a
# time in pages of AZ_PAGE_SIZE.
AZ_ONE_PAGE_UP_TO = 150
AZ_PAGE_SIZE = 50
SEARCH_PAGE_SIZE = 20
HOME_ARTICLES_PER_KIND = 12
# The home page's heading for each kind of article, in the order of Article.Kind.
HOME_HEADINGS = {
    Article.Kind.SYMPTOM: "Twitching in different places",
    Article.Kind.CONDITION: "Conditions people worry about",
    Article.Kind.GUIDE: "Guides",
}


@require_safe
@cached_page()
def home(request: HttpRequest) -> HttpResponse:
    # The first few of each kind, one query a kind, each reading a dozen rows of the index
    # on (status, kind, title): the page stays small and quick however many articles there
    # are (a window over every row took 11 ms at 5,000).
    published = Article.objects.published().only("title", "slug", "kind", "summary")
    by_kind = {
        kind: list(published.filter(kind=kind).order_by("title")[:HOME_ARTICLES_PER_KIND])
        for kind in Article.Kind
    }
    groups = [(HOME_HEADINGS[kind], items) for kind, items in by_kind.items() if items]
    return render(request, "articles/home.html", {"groups": groups})


@dataclass(frozen=True)
class AzEntry:
    """A line of the A to Z: an article under its title, or under another name ("X, see Y")."""

    name: str
    article: Article
    see: bool = False

    @property
    def letter(self) -> str:
        return self.name[:1].upper()


def _other_names(articles) -> list[AzEntry]:
    """The "X, see Y" lines for these articles' also-called names."""
    return [AzEntry(name, a, see=True) for a in articles for name in a.also_called_names]


def _with_other_names():
    # "Greater than empty", not "not empty", so that the query reads an index.
    return (
        Article.objects.published().filter(also_called__gt="").only("title", "slug", "also_called")
    )


def _by_name(entries: list[AzEntry]) -> list[AzEntry]:
    return sorted(entries, key=lambda e: (e.name.casefold(), e.see))


@require_safe
@cached_page(query=("letter", "page"))
def article_list(request: HttpRequest) -> HttpResponse:
    published = Article.objects.published().only("title", "slug", "summary", "also_called")
    # One row read past the limit on the index says whether there are more.
    if not published.order_by("title")[AZ_ONE_PAGE_UP_TO : AZ_ONE_PAGE_UP_TO + 1].exists():
        first = list(published)
        entries = _by_name([AzEntry(a.title, a) for a in first] + _other_names(first))
        letters = [
            (letter, list(items)) for letter, items in groupby(entries, key=lambda e: e.letter)
        ]
        return render(request, "articles/article_list.html", {"letters": letters})

    # Many articles: one letter at a time, a page at a time, so the page stays small. The
    # other names of a letter (few) come on its first page.
    counts = Article.objects.published().letter_counts()
    other_names = _other_names(_with_other_names())
    for entry in other_names:
        counts.setdefault(entry.letter, 0)
    counts = dict(sorted(counts.items()))
    letter = request.GET.get("letter", "")
    if letter not in counts:
        letter = next(iter(counts))
    paginator = Paginator(
        Article.objects.published().starting_with(letter).only("title", "slug", "summary"),
        AZ_PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    entries = [AzEntry(a.title, a) for a in page]
    if page.number == 1:
        entries = _by_name(entries + [e for e in other_names if e.letter == letter])
    context = {
        "letters": [(letter, entries)],
        "letter_counts": counts,
        "current_letter": letter,
        "page": page,
    }
    return render(request, "articles/article_list.html", context)


@require_safe
# Kept by this site only: search words stay out of shared caches.
@cached_page(query=("q", "page"), shared=False)
def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    too_long = len(query) > search.MAX_QUERY_LENGTH
    query = query[: search.MAX_QUERY_LENGTH].replace("\x00", "").strip()
    number = request.GET.get("page", "1")
    number = int(number) if number.isdecimal() and 0 < len(number) < 6 else 1
    results = search.search(
        query, limit=SEARCH_PAGE_SIZE, offset=(max(number, 1) - 1) * SEARCH_PAGE_SIZE
    )
    last_page = max(1, -(-results.total // SEARCH_PAGE_SIZE))
    context = {
        "query": query,
        "results": results,
        "too_long": too_long,
        "page_number": number,
        "previous_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if number < last_page else None,
        "last_page": last_page,
        "first_result": (number - 1) * SEARCH_PAGE_SIZE + 1,
    }
    return render(request, "articles/search.html", context)


@require_safe
@cached_page()
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # With the version a reader sees (its latest history row), for page feedback.
    article = Article.objects.with_version().filter(slug=slug).first()
    is_staff = request.user.is_authenticated and request.user.is_staff
    if article is None:
        moved = SlugRedirect.objects.filter(old_slug=slug).select_related("article").first()
        if moved is not None and (moved.article.is_published or is_staff):
            return HttpResponsePermanentRedirect(moved.article.get_absolute_url())
    if article is None or not (article.is_published or is_staff):
        raise Http404("No article here.")
    context = article_page_context(request, article, staff=is_staff)
    return render(request, "articles/article_detail.html", context)


def article_page_context(
    request: HttpRequest, article: Article, *, staff: bool, shown: Article | None = None
) -> dict:
    """What an article's page shows: the public page's, and the preview's of a pending
    change (`shown`: the text to show, if not the article's own). Staff see related
    drafts too."""
    shown = shown or article
    related = article.related.all() if staff else article.related.published()
    url = request.build_absolute_uri(article.get_absolute_url())
    return {
        "article": shown,
        "related": related.only("title", "slug", "summary"),
        "json_ld": article_json_ld(shown, url),
    }
