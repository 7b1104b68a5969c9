"""The care-card conventions (NHS digital service manual, "Care cards"), checked on an
article's rendered body for its review pack: at most 5 bullets a card, a heading that
ends "if:", and one call to action: the heading over one list. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_BULLETS = 5


@dataclass
class CardCheck:
    level: str
    heading: str = ""
    bullets: int = 0
    lists: int = 0
    paragraphs: int = 0
    problems: list[str] = field(default_factory=list)


class _Cards(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[CardCheck] = []
        self.depth = 0  # of <div> inside the current card; 0: outside any card
        self.in_heading = False

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and self.depth:
            self.depth += 1
        elif tag == "div" and "care-card" in classes:
            level = next((c.split("--")[1] for c in classes if c.startswith("care-card--")), "")
            self.cards.append(CardCheck(level))
            self.depth = 1
        elif self.depth and "care-card__heading" in classes:
            self.in_heading = True
        elif self.depth and tag == "li":
            self.cards[-1].bullets += 1
        elif self.depth and tag in ("ul", "ol"):
            self.cards[-1].lists += 1
        elif self.depth and tag == "p":
            self.cards[-1].paragraphs += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self.in_heading = False
        if tag == "div" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.cards[-1].heading += data


def card_checks(body_html: str) -> list[CardCheck]:
    parser = _Cards()
    parser.feed(body_html)
    for card in parser.cards:
        # The heading holds a visually hidden prefix ("Urgent advice:") before its words.
        card.heading = " ".join(card.heading.split())
        if card.bullets > MAX_BULLETS:
            card.problems.append(f"{card.bullets} bullets: at most {MAX_BULLETS}")
        if not card.heading.endswith("if:"):
            card.problems.append("the heading does not end “if:”")
        if card.lists != 1 or card.paragraphs:
            card.problems.append("more than one call to action: one heading over one list")
    return parser.cards
