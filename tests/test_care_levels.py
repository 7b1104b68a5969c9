"""The care levels are declared once (core/care_levels.py): the stylesheet, the Markdown
care cards, the outcome page and the statistics chart all show the same level the same way."""

import re
from pathlib import Path

import pytest

from articles.rendering import render
from core.care_levels import LEVELS
from triage import statistics
from triage.rules import CareLevel

ROOT = Path(__file__).resolve().parents[1]
STYLESHEET = (ROOT / "static" / "css" / "site.css").read_text()


def custom_properties() -> dict[str, str]:
    root = re.search(r":root\s*{([^}]*)}", STYLESHEET).group(1)
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", root))


def test_the_stylesheets_level_colours_are_the_tables():
    assert custom_properties() == {f"care-{s.card}": s.colour for s in LEVELS.values()}


def test_the_care_card_rules_use_the_custom_properties_not_the_colours_themselves():
    colours = {style.colour for style in LEVELS.values()}
    rules = re.findall(r"(\.care-card[^{]*){([^}]*)}", STYLESHEET)
    fills = [
        (sel, value)
        for sel, body in rules
        for value in re.findall(r"(?:background|border[\w-]*):([^;]+)", body)
    ]
    assert [(sel, v) for sel, v in fills if any(colour in v for colour in colours)] == []


@pytest.mark.parametrize("level", list(CareLevel))
def test_each_level_reads_its_label_class_prefix_and_colour_from_the_table(level):
    style = LEVELS[level.value]
    assert (level.label, level.css_class, level.care_card_prefix, level.colour) == (
        style.label,
        f"care-card--{style.card}",
        style.prefix,
        style.colour,
    )


@pytest.mark.parametrize("level", [CareLevel.ROUTINE, CareLevel.URGENT, CareLevel.EMERGENCY])
def test_a_markdown_care_card_looks_like_the_symptom_checks_card_of_its_level(level):
    style = LEVELS[level.value]
    html = render(f'!!! {style.card} "Heading"\n    - a point\n', lambda slug: None).html
    assert f'class="care-card {level.css_class}"' in html
    assert f'<span class="visually-hidden">{level.care_card_prefix} </span>Heading' in html


def test_the_statistics_chart_colours_each_level_as_the_table_does():
    assert [(colour, label) for _, colour, label in statistics.legend()] == [
        (LEVELS[level.value].colour, LEVELS[level.value].label) for level in CareLevel
    ]
