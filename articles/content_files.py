"""The articles shipped with the site, as Markdown files in articles/content/.

Each file starts with a front matter block of `key: value` lines between two
`---` lines (title, slug, kind, summary, last_reviewed, next_review_due,
related, and optionally also_called and first_version), then the body. Everything after the final
`## Sources` heading is the article's sources list. `manage.py load_content`
loads them (`load` below); a database gets its articles from there, never from a
migration.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCES_HEADING = re.compile(r"^## Sources[ \t]*$", re.MULTILINE)
FRONT_MATTER_KEYS = {
    "title", "slug", "kind", "summary", "last_reviewed", "next_review_due", "related",
}  # fmt: skip
OPTIONAL_KEYS = {"also_called", "first_version"}
ROOT = CONTENT_DIR.parent.parent


@dataclass(frozen=True)
class ArticleFile:
    title: str
    slug: str
    kind: str
    summary: str
    last_reviewed: date
    next_review_due: date
    related: tuple[str, ...]
    body: str
    sources: str
    also_called: str = ""
    # An earlier text, saved first when the article is created, so that its history starts
    # there: the verbatim seed a shipped article was edited from (a path from the root).
    first_version: str = ""
    digest: str = ""  # of the file's text: load() updates an article when it changes


def parse(text: str) -> ArticleFile:
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.DOTALL)
    if not match:
        raise ValueError("an article file starts with a front matter block between --- lines")
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in FRONT_MATTER_KEYS | OPTIONAL_KEYS:
            raise ValueError(f"unknown front matter line: {line!r}")
        meta[key.strip()] = value.strip()
    missing = FRONT_MATTER_KEYS - meta.keys()
    if missing:
        raise ValueError(f"front matter is missing: {', '.join(sorted(missing))}")
    body, sources = match.group(2), ""
    headings = list(SOURCES_HEADING.finditer(body))
    if headings:
        body, sources = body[: headings[-1].start()], body[headings[-1].end() :]
    return ArticleFile(
        title=meta["title"],
        slug=meta["slug"],
        kind=meta["kind"],
        summary=meta["summary"],
        last_reviewed=date.fromisoformat(meta["last_reviewed"]),
        next_review_due=date.fromisoformat(meta["next_review_due"]),
        related=tuple(s.strip() for s in meta["related"].split(",") if s.strip()),
        body=body.strip() + "\n",
        sources=sources.strip() + "\n",
        also_called=meta.get("also_called", ""),
        first_version=meta.get("first_version", ""),
        digest=hashlib.sha256(text.encode()).hexdigest(),
    )


def read_all(directory: Path = CONTENT_DIR) -> list[ArticleFile]:
    return [parse(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.md"))]


@dataclass
class Loaded:
    """What load() did, for the command to report."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rendered_again: int = 0


def load(files: list[ArticleFile] | None = None) -> Loaded:
    """Create the shipped articles, update those whose file changed since it was last
    loaded, and render again every stored article that another pipeline rendered.

    Each article is validated and saved as the admin saves it (`full_clean()`, `save()`,
    its related articles), with a line in its history. An article whose file has not
    changed is left alone, an editor's later changes included, so loading twice changes
    nothing. All or nothing: a file that does not validate stops the load, and nothing is
    saved.
    """
    from django.db import transaction

    from articles import services
    from articles.models import PIPELINE, Article

    files = read_all() if files is None else files
    loaded = Loaded()
    with transaction.atomic():
        # An article an editor renamed is still found by its shipped slug.
        found = Article.objects.by_slug([f.slug for f in files])
        full = Article.objects.in_bulk([article.pk for article in found.values()])
        existing = {slug: full[article.pk] for slug, article in found.items()}
        # Every new slug exists first, so that shipped articles may link to each other;
        # each is then validated and saved with its text below, in this transaction.
        for f in files:
            if f.slug not in existing:
                existing[f.slug] = services.article_placeholder_create(
                    article=_placeholder(Article, f)
                )
                loaded.created.append(f.slug)
        for f in files:
            article = existing[f.slug]
            first = ROOT / f.first_version if f.first_version else None
            if f.slug in loaded.created and first and first.is_file():
                _save(article, parse(first.read_text(encoding="utf-8")), f.first_version)
            if article.shipped_digest == f.digest:
                loaded.unchanged.append(f.slug)
                continue
            if f.slug not in loaded.created:
                loaded.updated.append(f.slug)
            # Related is both ways: an article is related to those it names and those
            # naming it.
            named_by = {g.slug for g in files if f.slug in g.related}
            related = Article.objects.filter(slug__in={*f.related, *named_by})
            _save(article, f, related=related)
        stale = Article.objects.exclude(rendered_with=PIPELINE)
        loaded.rendered_again = stale.count()
        services.articles_render_again(stale)
    return loaded


def _placeholder(article_model, f: ArticleFile):
    # Published, so that published articles may link to it; its text follows at once.
    return article_model(
        title=f.title,
        slug=f.slug,
        kind=f.kind,
        summary=f.summary,
        body="",
        status=article_model.Status.PUBLISHED,
        last_reviewed=f.last_reviewed,
        next_review_due=f.next_review_due,
    )


def _save(article, f: ArticleFile, path: str = "", related=None) -> None:
    from articles import services

    article.title = f.title
    article.also_called = f.also_called
    article.kind = f.kind
    article.summary = f.summary
    article.body = f.body
    article.sources = f.sources
    article.status = article.Status.PUBLISHED
    article.last_reviewed = f.last_reviewed
    article.next_review_due = f.next_review_due
    article.shipped_digest = f.digest
    services.article_save(
        article=article,
        user=None,
        related=related,
        reason=f"Loaded from {path or f'articles/content/{f.slug}.md'}",
    )
