"""The articles shipped with the site, as Markdown files in articles/content/.

Each file starts with a front matter block of `key: value` lines between two
`---` lines (title, slug, kind, summary, last_reviewed, next_review_due,
related), then the body. Everything after the final `## Sources` heading is the
article's sources list. The data migration loads them, so that `migrate` on an
empty database gives the whole site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.urls import reverse

from articles import rendering

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCES_HEADING = re.compile(r"^## Sources[ \t]*$", re.MULTILINE)
FRONT_MATTER_KEYS = {
    "title", "slug", "kind", "summary", "last_reviewed", "next_review_due", "related",
}  # fmt: skip


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


def parse(text: str) -> ArticleFile:
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.DOTALL)
    if not match:
        raise ValueError("an article file starts with a front matter block between --- lines")
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in FRONT_MATTER_KEYS:
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
    )


def read_all(directory: Path = CONTENT_DIR) -> list[ArticleFile]:
    return [parse(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.md"))]


def load(article_model, files: list[ArticleFile] | None = None) -> None:
    """Create or update the shipped articles as published pages.

    Takes the model class so that a data migration can pass its historical model.
    """
    files = read_all() if files is None else files
    titles = {f.slug: f.title for f in files}
    titles.update(article_model.objects.values_list("slug", "title"))

    def resolve(slug: str) -> rendering.LinkTarget | None:
        if slug not in titles:
            return None
        return rendering.LinkTarget(
            url=reverse("articles:detail", kwargs={"slug": slug}), title=titles[slug]
        )

    # A migration's historical model may predate some of the rendered fields.
    has_field = {field.name for field in article_model._meta.get_fields()}.__contains__
    saved, links = {}, {}
    for f in files:
        rendered = rendering.render_article(f.body, f.sources, resolve)
        if rendered.missing_links:
            missing = ", ".join(rendered.missing_links)
            raise ValueError(f"{f.slug}: links to no article: {missing}")
        saved[f.slug], _ = article_model.objects.update_or_create(
            slug=f.slug,
            defaults={
                "title": f.title,
                "kind": f.kind,
                "summary": f.summary,
                "body": f.body,
                "sources": f.sources,
                "status": "published",
                "last_reviewed": f.last_reviewed,
                "next_review_due": f.next_review_due,
                **{k: v for k, v in rendered.stored_fields().items() if has_field(k)},
            },
        )
        links[f.slug] = rendered.links
    # Links and related articles once every article exists.
    for f in files:
        saved[f.slug].links_to.set(article_model.objects.filter(slug__in=links[f.slug]))
        saved[f.slug].related.set(article_model.objects.filter(slug__in=f.related))
