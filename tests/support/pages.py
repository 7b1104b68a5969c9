"""Reading pages the way a reader (or a crawler) would: text and links, not markup."""

import re
from html.parser import HTMLParser

# The articles the site ships with: the first four, then the second edition's six.
FIRST_FOUR = (
    "twitching-in-the-shoulder",
    "twitching-in-the-stomach",
    "multiple-sclerosis",
    "amyotrophic-lateral-sclerosis",
)
SLUGS = (
    *FIRST_FOUR,
    "benign-fasciculation-syndrome",
    "health-anxiety",
    "eyelid-twitching",
    "muscle-cramps",
    "tics-and-tourettes-syndrome",
    "magnesium-and-minerals",
)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attrs))
        if tag in {"script", "style"}:
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in {"p", "li", "h1", "h2", "h3", "div", "br", "section"}:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    return parser


def text_of(html: str) -> str:
    """The visible text, with white space folded."""
    return re.sub(r"\s+", " ", "".join(parse(html).text)).strip()


def main_text(html: str) -> str:
    main = html[html.index('<main id="main-content"') : html.index("</main>")]
    return text_of(main)


def links_of(html: str) -> list[str]:
    return parse(html).links


def elements_of(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element as (tag, attributes): what a browser would build, not what the text says."""
    return parse(html).elements


def script_vectors(html: str) -> list[str]:
    """Anything in the page that could run script: script elements, handlers, script URLs."""
    found = []
    for tag, attrs in elements_of(html):
        if tag == "script" and attrs.get("type") == "application/ld+json" and len(attrs) == 1:
            continue  # a JSON data block is never run
        if tag in {"script", "iframe", "object", "embed", "img", "svg"}:
            found.append(tag)
        found += [f"{tag}[{name}]" for name in attrs if name.startswith("on")]
        for name in ("href", "src", "action"):
            value = attrs.get(name, "").strip().lower()
            if value.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{tag}[{name}={value}]")
    return found
