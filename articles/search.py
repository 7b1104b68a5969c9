"""Search the published articles with the database's own full-text search.

One function, `search()`, for both databases. Each keeps the published articles' words in
its own table, `articles_search`, kept in step by triggers on articles_article: an FTS5
table on SQLite (migration 0005), a tsvector column with a GIN index on PostgreSQL
(migration 0006; both gain also-called names in 0007). Both rank matches in the title
or an also-called name first, then by relevance (bm25 on SQLite, ts_rank on
PostgreSQL), and read the wide article rows only for the page of results shown.
The snippet around the match is cut and marked here, in Python, the same way for both.

A user's words never reach the query language: only runs of letters and digits are kept,
and each is quoted.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from itertools import islice

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import article_url
from core import placeholders

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# The last word is also matched as the start of a word once it has this many letters:
# shorter starts match much of the vocabulary, which is slow and finds little of use.
MIN_PREFIX_LENGTH = 3
SNIPPET_WORDS = 30
_TERM = re.compile(r"[^\W_]+")
_WORD = re.compile(r"\w+")
# Common English endings, so that "twitches" marks "twitching" as the databases' stemmers
# match it.
_ENDINGS = ("ing", "es", "ed", "s")


@dataclass(frozen=True)
class Hit:
    title: str
    slug: str
    summary: str
    title_match: bool
    snippet: SafeString

    @property
    def url(self) -> str:
        return article_url(self.slug)


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: tuple[str, ...]
    total: int
    hits: list[Hit]


def terms_of(query: str) -> tuple[str, ...]:
    """The words to look for: letters and digits only, lower case, at most MAX_TERMS."""
    words = _TERM.findall(query[:MAX_QUERY_LENGTH].casefold())
    return tuple(dict.fromkeys(words))[:MAX_TERMS]


def search(query: str, *, limit: int = 20, offset: int = 0) -> SearchResults:
    terms = terms_of(query)
    if not terms:
        return SearchResults(query, terms, 0, [])
    backend = _postgresql if connection.vendor == "postgresql" else _sqlite
    total, rows = backend(terms, limit, offset)
    hits = [
        Hit(
            title=title,
            slug=slug,
            summary=summary,
            title_match=bool(title_match),
            snippet=snippet(placeholders.plain(_as_running_text(body_text or summary)), terms),
        )
        for title, slug, summary, body_text, title_match in rows
    ]
    return SearchResults(query, terms, total, hits)


def _sqlite(terms: tuple[str, ...], limit: int, offset: int) -> tuple[int, list[tuple]]:
    # Every word must appear; the last may be the start of a word ("multiple scler").
    # Prefixes are not stemmed, so the whole last word is asked for as well.
    *whole, last = terms
    last_match = f'("{last}" OR "{last}"*)' if len(last) >= MIN_PREFIX_LENGTH else f'"{last}"'
    match = " AND ".join([*(f'"{term}"' for term in whole), last_match])
    # Matches in the title or an also-called name rank first, then the rest: two ranked
    # queries, each over its own matches, cost less than ranking every match with a flag.
    in_title = "{title also_called} : (" + match + ")"
    with connection.cursor() as cursor:
        # The index holds published articles only (migration 0005's triggers).
        total = _count(cursor, match)
        rows = _ranked(cursor, f"({match}) AND ({in_title})", limit, offset, title_match=True)
        if len(rows) < limit and offset + len(rows) < total:
            # Past the title matches: their number places this page among the rest.
            titles = offset + len(rows) if rows or not offset else _count(cursor, in_title)
            rows += _ranked(
                cursor,
                f"({match}) NOT ({in_title})",
                limit - len(rows),
                max(0, offset - titles),
                title_match=False,
            )
        return total, rows


def _count(cursor, match: str) -> int:
    cursor.execute("SELECT count(*) FROM articles_search WHERE articles_search MATCH %s", [match])
    return cursor.fetchone()[0]


def _ranked(cursor, match: str, limit: int, offset: int, *, title_match: bool) -> list[tuple]:
    """A page of the matches by bm25 (the title weighted 10, the summary 3, the text 1, an
    also-called name 10), reading the wide article rows for that page only."""
    cursor.execute(
        """SELECT a.title, a.slug, a.summary, a.body_text, %s
           FROM (
               SELECT rowid AS id, bm25(articles_search, 10.0, 3.0, 1.0, 10.0) AS score
               FROM articles_search WHERE articles_search MATCH %s
               ORDER BY score, id
               LIMIT %s OFFSET %s
           ) AS hits
           JOIN articles_article AS a ON a.id = hits.id
           WHERE a.status = 'published'
           ORDER BY hits.score, hits.id""",
        [title_match, match, limit, offset],
    )
    return cursor.fetchall()


def _postgresql(terms: tuple[str, ...], limit: int, offset: int) -> tuple[int, list[tuple]]:
    prefix = ":*" if len(terms[-1]) >= MIN_PREFIX_LENGTH else ""
    *whole, last = terms
    tsquery = " & ".join([*(f"'{term}'" for term in whole), f"'{last}'{prefix}"])
    # The same words, in the title or an also-called name (weight A of the document) only.
    title_tsquery = " & ".join([*(f"'{term}':A" for term in whole), f"'{last}':{prefix[1:]}A"])
    with connection.cursor() as cursor:
        # The index holds published articles only (migration 0006's triggers). One pass
        # over its narrow rows ranks and counts the matches.
        cursor.execute(
            """SELECT a.title, a.slug, a.summary, a.body_text, hits.title_match, hits.total
               FROM (
                   SELECT id, document @@ title_query AS title_match,
                          ts_rank(document, query) AS score, count(*) OVER () AS total
                   FROM articles_search,
                        to_tsquery('english', %s) AS query,
                        to_tsquery('english', %s) AS title_query
                   WHERE document @@ query
                   ORDER BY title_match DESC, score DESC, id
                   LIMIT %s OFFSET %s
               ) AS hits
               JOIN articles_article AS a ON a.id = hits.id
               WHERE a.status = 'published'
               ORDER BY hits.title_match DESC, hits.score DESC, hits.id""",
            [tsquery, title_tsquery, limit, offset],
        )
        rows = cursor.fetchall()
        if rows:
            return rows[0][5], [row[:5] for row in rows]
        if offset == 0:
            return 0, []
        cursor.execute(
            "SELECT count(*) FROM articles_search WHERE document @@ to_tsquery('english', %s)",
            [tsquery],
        )
        return cursor.fetchone()[0], []


def _as_running_text(text: str) -> str:
    """An article's text blocks (one a line: headings, paragraphs, list items) as one run
    of sentences, so that a snippet never runs a heading into the text after it."""
    return " ".join(
        line if line[-1] in ".?!:;…" else line + "."
        for line in (raw.strip() for raw in text.splitlines())
        if line
    )


def _stem(term: str) -> str:
    for ending in _ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 3:
            return term[: -len(ending)]
    return term


def snippet(text: str, terms: tuple[str, ...], words: int = SNIPPET_WORDS) -> SafeString:
    """A few words of `text` around the first match, escaped, with the matches in <mark>."""
    stems = tuple(_stem(term) for term in terms if len(term) >= MIN_PREFIX_LENGTH)
    short = {term for term in terms if len(term) < MIN_PREFIX_LENGTH}

    def marked(token: re.Match) -> tuple[re.Match, bool]:
        word = token.group().casefold()
        return token, word in short or word.startswith(stems)

    # Read the words only as far as the window after the first match: a long article is
    # never split into words as a whole (a page of results has twenty).
    tokens = map(marked, _WORD.finditer(text))
    recent: deque[tuple[re.Match, bool]] = deque(maxlen=words // 3)
    window: list[tuple[re.Match, bool]] = []
    for token in tokens:
        if token[1]:
            window = [*recent, token]
            break
        recent.append(token)
    else:  # no match in the text: its first words
        tokens = map(marked, _WORD.finditer(text))
    window.extend(islice(tokens, words - len(window)))
    if not window:
        return mark_safe("")
    begin = window[0][0].start()
    at_end = len(window) < words or next(tokens, None) is None
    end = len(text) if at_end else window[-1][0].end()
    parts = ["… " if begin > 0 else ""]
    position = begin
    for token, match in window:
        if match:
            parts.append(escape(text[position : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    parts.append(escape(text[position:end]))
    parts.append(" …" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)
