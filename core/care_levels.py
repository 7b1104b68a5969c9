"""The four care levels as a reader sees them, declared once.

Each level's label, care-card CSS class, screen-reader prefix and colour. The symptom
check's levels (triage.rules.CareLevel), the Markdown care cards, the outcome page, the
statistics chart and the stylesheet's custom properties all read this table (a test
checks the stylesheet). The labels and prefixes are part of the symptom check's signed-off
rules: they are in its fingerprint (triage/governance.py). Plain standard library.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelStyle:
    label: str
    # The care card's modifier (care-card--<name>), and the name an editor writes in
    # Markdown (!!! non-urgent "Heading") for the levels that have a card there.
    card: str
    # Read out by screen readers before a care card's heading (NHS care cards).
    prefix: str
    # The level's colour: its cards' heading (emergency: the card's body) and chart bar.
    colour: str

    @property
    def css_class(self) -> str:
        return f"care-card--{self.card}"


# By CareLevel value, lowest first.
LEVELS = {
    "self_care": LevelStyle("Self-care", "self-care", "", "#007f3b"),
    "routine": LevelStyle("See a GP", "non-urgent", "Non-urgent advice:", "#005eb8"),
    "urgent": LevelStyle("Urgent", "urgent", "Urgent advice:", "#d5281b"),
    "emergency": LevelStyle("Emergency", "emergency", "Immediate action required:", "#212b32"),
}

# The cards an editor may write in an article, most serious first, with their prefixes.
MARKDOWN_CARDS = {style.card: style.prefix for style in reversed(LEVELS.values()) if style.prefix}
