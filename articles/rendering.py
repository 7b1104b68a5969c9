"""The one pipeline that turns an article's Markdown into safe HTML.

Framework-free on purpose: it knows nothing of Django, so it can be tested and
used (in the admin, in migrations, in commands) with a plain function that says
where other articles live.

Steps: Python-Markdown with raw HTML switched off (an editor's ``<script>`` is
shown as text, never run), internal links ``[[slug]]`` resolved to their current
URL, admonitions turned into NHS-style care cards or inset text (any other block type
is reported, so that a save can refuse it), then an nh3 allow-list as the last word on
what may reach the page.
"""

from __future__ import annotations

import functools
import re
import types
import xml.etree.ElementTree as etree  # noqa: N813 (the name Markdown uses)
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from articles.readability import text_blocks
from core.care_levels import MARKDOWN_CARDS

# [[slug]] or [[slug|link text]]
# The link text stops at any bracket, so a failed match never scans past the next one:
# linear on any text ("[[a|" repeated took seconds when the text ran on to "]]").
INTERNAL_LINK_PATTERN = r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:\|([^\[\]\n]+))?\]\]"
# A Markdown link written to an article's URL: [text](/articles/slug/)
ARTICLE_URL_RE = re.compile(r"^/articles/([a-z0-9]+(?:-[a-z0-9]+)*)/?$")

# Care card levels, as in the NHS digital service manual: the class suffix and the
# prefix a screen reader announces before the heading. Most serious first.
CARE_CARDS = MARKDOWN_CARDS
# A reviewer's note beside the text, drawn as NHS inset text.
NOTE = "note"
NOTE_PREFIX = "Information: "
# Every type an editor may write as `!!! type "Heading"`.
BLOCK_TYPES = (*CARE_CARDS, NOTE)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "hr", "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
}
ALLOWED_CLASSES = {
    "div": {"care-card", "care-card__content", "callout", "inset-text"}
    | {f"care-card--{level}" for level in CARE_CARDS},
    "h2": {"care-card__heading"},
    "h3": {"care-card__heading"},
    "p": {"callout__title", "inset-text__title"},
    "span": {"visually-hidden", "missing-link"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class LinkTarget:
    url: str
    title: str


# Given a slug, where that article lives now (or None when there is no such article).
Resolver = Callable[[str], LinkTarget | None]


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[Heading, ...]  # the sections (h2), for "On this page"
    links: frozenset[str]  # slugs of the articles linked to
    missing_links: tuple[str, ...]  # slugs that point to no article, in order of appearance
    unknown_blocks: tuple[str, ...]  # block types not in BLOCK_TYPES, in order of appearance


@dataclass
class _LinkLog:
    found: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)

    def note(self, slug: str, target: LinkTarget | None) -> None:
        if target is not None:
            self.found.add(slug)
        elif slug not in self.missing:
            self.missing.append(slug)


class _InternalLinkProcessor(InlineProcessor):
    def __init__(self, pattern: str, resolve: Resolver, log: _LinkLog) -> None:
        super().__init__(pattern)
        self.resolve = resolve
        self.log = log

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's API)
        slug, text = m.group(1), m.group(2)
        target = self.resolve(slug)
        self.log.note(slug, target)
        if target is None:
            # Never a link to nowhere: the words stay, the link does not.
            el = etree.Element("span", {"class": "missing-link"})
            el.text = (text or slug).strip()
        else:
            el = etree.Element("a", {"href": target.url})
            el.text = (text or target.title).strip()
        return el, m.start(0), m.end(0)


class _AdmonitionProcessor(AdmonitionProcessor):
    def get_class_and_title(self, match: re.Match) -> tuple[str, str | None]:
        klass, title = super().get_class_and_title(match)
        # A note without a heading has none, rather than Markdown's default "Note".
        if match.group(2) is None and klass.split(" ", 1)[0] == NOTE:
            title = None
        return klass, title


class _ArticleTreeprocessor(Treeprocessor):
    """Checks links written as /articles/<slug>/, makes care cards and notes, keeps h1 for
    the page."""

    def __init__(
        self, md: markdown.Markdown, resolve: Resolver, log: _LinkLog, unknown: list[str]
    ) -> None:
        super().__init__(md)
        self.resolve = resolve
        self.log = log
        self.unknown = unknown

    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            path, _, fragment = a.get("href", "").partition("#")
            match = ARTICLE_URL_RE.match(path)
            if match:
                target = self.resolve(match.group(1))
                self.log.note(match.group(1), target)
                if target is not None:
                    a.set("href", target.url + (f"#{fragment}" if fragment else ""))
        seen_section = False
        for el in root.iter():
            if el.tag == "h1":
                el.tag = "h2"  # the page title is the only h1
            if el.tag == "h2":
                seen_section = True
            if el.tag == "div" and "admonition" in el.get("class", "").split():
                self._block(el, "h3" if seen_section else "h2")

    def _block(self, div: etree.Element, heading_tag: str) -> None:
        # Markdown writes `!!! type more "Heading"` as class="admonition type more".
        kind = (div.get("class", "").split()[1:2] or [""])[0]
        title_el = next((c for c in div if c.get("class") == "admonition-title"), None)
        if kind in CARE_CARDS:
            self._care_card(div, kind, title_el, heading_tag)
        elif kind == NOTE:
            self._note(div, title_el)
        else:
            if kind not in self.unknown:
                self.unknown.append(kind)
            # Old text may hold one: it stays readable as a plain box.
            div.set("class", "callout")
            if title_el is not None:
                title_el.set("class", "callout__title")

    @staticmethod
    def _note(div: etree.Element, title_el: etree.Element | None) -> None:
        div.set("class", "inset-text")
        prefix = etree.Element("span", {"class": "visually-hidden"})
        prefix.text = NOTE_PREFIX
        div.insert(0, prefix)
        if title_el is not None:
            strong = etree.Element("strong")
            strong.text, title_el.text = title_el.text, None
            for part in list(title_el):
                title_el.remove(part)
                strong.append(part)
            title_el.append(strong)
            title_el.set("class", "inset-text__title")

    @staticmethod
    def _care_card(
        div: etree.Element, level: str, title_el: etree.Element | None, heading_tag: str
    ) -> None:
        content = etree.Element("div", {"class": "care-card__content"})
        for child in list(div):
            div.remove(child)
            if child is not title_el:
                content.append(child)
        heading = etree.SubElement(div, heading_tag, {"class": "care-card__heading"})
        prefix = etree.SubElement(heading, "span", {"class": "visually-hidden"})
        prefix.text = f"{CARE_CARDS[level]} "
        if title_el is not None:
            prefix.tail = title_el.text
            for part in title_el:
                heading.append(part)
        div.append(content)
        div.set("class", f"care-card care-card--{level}")


class _SectionCollector(Treeprocessor):
    """After the toc has given headings their ids: the sections, for "On this page"."""

    def __init__(self, md: markdown.Markdown, sections: list[Heading]) -> None:
        super().__init__(md)
        self.sections = sections

    def run(self, root: etree.Element) -> None:
        for el in root.iter("h2"):
            if el.get("class") != "care-card__heading":
                self.sections.append(Heading(id=el.get("id", ""), text="".join(el.itertext())))


def _section_id(value: str, separator: str) -> str:
    # A prefix keeps an editor's heading from taking an id the page already uses.
    return "section-" + slugify(value, separator)


class _ArticleExtension(Extension):
    def __init__(
        self, resolve: Resolver, log: _LinkLog, sections: list[Heading], unknown: list[str]
    ) -> None:
        super().__init__()
        self.resolve = resolve
        self.log = log
        self.sections = sections
        self.unknown = unknown

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # Raw HTML is switched off: it comes out as visible text, never as markup.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Takes the place of the admonition extension's own block processor.
        md.parser.blockprocessors.register(_AdmonitionProcessor(md.parser), "admonition", 105)
        md.inlinePatterns.register(
            _InternalLinkProcessor(INTERNAL_LINK_PATTERN, self.resolve, self.log),
            "internal_link",
            175,  # before Markdown's own [links]
        )
        for name in ("link", "image_link", "reference", "image_reference", "short_reference",
                     "short_image_ref"):  # fmt: skip
            if name in md.inlinePatterns:
                processor = md.inlinePatterns[name]
                processor.getText = types.MethodType(_bracketed_text, processor)
        # After inline parsing (20), before the toc gives headings their ids (5).
        md.treeprocessors.register(
            _ArticleTreeprocessor(md, self.resolve, self.log, self.unknown), "article", 8
        )
        md.treeprocessors.register(_SectionCollector(md, self.sections), "sections", 4)


# What one field of an editor's text may hold, so that no save, preview or comparison
# holds a worker for long (make fuzz prints the slowest times at these caps).
MAX_CHARACTERS = {"body": 100_000, "sources": 20_000}
MAX_LINKS = 300
MAX_BRACKETS = 2_000
# Emphasis, code and escape marks: 50,000 of "*_" in a row took 1.5 s to render.
MAX_MARKS = 2_000
_MARKS = "*_`\\"
MAX_DEPTH = 8
# Markdown reads a block (lines with no blank line between them) again for each line it
# takes from it: 25,000 one-line headings took 36 s, 2,000 rules in one block 2.9 s.
MAX_LINES = 2_000
MAX_BLOCK_LINES = 100
_LINK_START = re.compile(r"\[\[|\]\(")
# What opens a block at the start of a line: indentation, quote marks and list markers
# ("1. 1. 1." is a list in a list in a list).
_LIST_MARKER = re.compile(r"[-*+] |\d{1,9}[.)] ")
_LINE_PREFIX = re.compile(r"^(?:[ \t>]|[-*+] |\d{1,9}[.)] )*", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]]")


def text_problem(field: str, text: str) -> str | None:
    """Why `text` is too large or too deeply nested for the `field` ("body" or
    "sources"), in words for the editor; None when it is not. Reads it once, linearly."""
    limit = MAX_CHARACTERS[field]
    if len(text) > limit:
        return (
            f"This is {len(text):,} characters long; it may be at most {limit:,}. "
            "Split the article in two, and link one to the other."
        )
    links = len(_LINK_START.findall(text))
    if links > MAX_LINKS:
        return f"This has {links:,} links; it may have at most {MAX_LINKS:,}."
    brackets = text.count("[") + text.count("]")
    if brackets > MAX_BRACKETS:
        return (
            f"This has {brackets:,} square brackets; it may have at most {MAX_BRACKETS:,}. "
            "Links use them: [[slug]] and [words](address)."
        )
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        return f"This has {len(lines):,} lines; it may have at most {MAX_LINES:,}."
    block, start = _longest_block(lines)
    if block > MAX_BLOCK_LINES:
        return (
            f"From line {start}, {block} lines follow each other with no blank line between "
            f"them; at most {MAX_BLOCK_LINES} may. Put a blank line between paragraphs, "
            "headings, lists and cards."
        )
    marks = sum(text.count(mark) for mark in _MARKS)
    if marks > MAX_MARKS:
        return (
            f"This has {marks:,} of the marks * _ ` and \\; it may have at most "
            f"{MAX_MARKS:,}. Markdown uses them for emphasis and code."
        )
    depth = max((_depth(prefix) for prefix in _LINE_PREFIX.findall(text)), default=0)
    if depth > MAX_DEPTH:
        return (
            f"Blocks are nested {depth} deep here (cards, notes, quotes or lists inside each "
            f"other); they may be at most {MAX_DEPTH} deep."
        )
    return None


def _longest_block(lines: list[str]) -> tuple[int, int]:
    """The most lines in a row that are not blank, and the line number they start on."""
    longest, start, run = 0, 1, 0
    for number, line in enumerate(lines, 1):
        run = run + 1 if line.strip() else 0
        if run > longest:
            longest, start = run, number - run + 1
    return longest, start


def _depth(prefix: str) -> int:
    """How deep a line's indentation (4 spaces or a tab), quote marks and list markers
    nest it."""
    markers = len(_LIST_MARKER.findall(prefix))
    indent = _LIST_MARKER.sub("", prefix).replace(">", "").expandtabs(4)
    return prefix.count(">") + markers + len(indent) // 4


def _bracketed_text(self, data: str, index: int) -> tuple[str, int, bool]:
    """Markdown's LinkInlineProcessor.getText, from a table of matching brackets made in
    one pass, instead of a scan to the end from every opening bracket (10 KB of "[" took
    14 s). The same result: a bracket's match is the same whatever came before it."""
    close = _closing_brackets(data).get(index - 1)
    if close is None:
        return data[index:], len(data), False
    return data[index:close], close + 1, True


@functools.lru_cache(maxsize=8)
def _closing_brackets(data: str) -> dict[int, int]:
    """Each opening square bracket's position: its closing bracket's."""
    closing, opened = {}, []
    for bracket in _BRACKET.finditer(data):
        if bracket.group() == "[":
            opened.append(bracket.start())
        elif opened:
            closing[opened.pop()] = bracket.start()
    return closing


def sanitise(html_text: str) -> str:
    """The allow-list every piece of HTML passes before it may reach a page."""
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render(text: str, resolve: Resolver) -> Rendered:
    resolve = functools.cache(resolve)  # a slug linked 300 times is looked up once
    log, sections, unknown = _LinkLog(), [], []
    md = markdown.Markdown(
        extensions=[
            "admonition",
            "sane_lists",
            "tables",
            "toc",
            _ArticleExtension(resolve, log, sections, unknown),
        ],
        extension_configs={"toc": {"permalink": False, "slugify": _section_id}},
        output_format="html",
    )
    body = sanitise(md.convert(text))
    return Rendered(
        html=body,
        headings=tuple(sections),
        links=frozenset(log.found),
        missing_links=tuple(log.missing),
        unknown_blocks=tuple(unknown),
    )


def unknown_blocks_message(types: Sequence[str]) -> str:
    """What an editor is told when the text uses one or more block types not known."""
    names = [f"\u201c{t}\u201d" for t in types]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    noun = "type" if len(names) == 1 else "types"
    return f"Unknown block {noun} {listed}. Use one of: {', '.join(BLOCK_TYPES)}."


@dataclass(frozen=True)
class RenderedArticle:
    body: Rendered
    sources: Rendered

    @property
    def links(self) -> frozenset[str]:
        return self.body.links | self.sources.links

    @property
    def missing_links(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.body.missing_links + self.sources.missing_links))

    @property
    def unknown_blocks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.body.unknown_blocks + self.sources.unknown_blocks))

    def stored_fields(self) -> dict[str, object]:
        """What an article keeps of its rendering, by field name."""
        return {
            "body_html": self.body.html,
            "sources_html": self.sources.html,
            "headings": [{"id": h.id, "text": h.text} for h in self.body.headings],
            # The words of the body without markup: what search indexes and quotes.
            "body_text": "\n".join(text_blocks(self.body.html)),
        }


def render_article(body: str, sources: str, resolve: Resolver) -> RenderedArticle:
    return RenderedArticle(body=render(body, resolve), sources=render(sources, resolve))
