"""The Markdown pipeline, on its own: no database, no request."""

import re

import pytest

from articles.rendering import (
    BLOCK_TYPES,
    LinkTarget,
    render,
    render_article,
    sanitise,
    unknown_blocks_message,
)
from articles.templatetags.articles_tags import article_html
from support.hostile import HOSTILE
from support.pages import elements_of, script_vectors, text_of

ARTICLES = {"multiple-sclerosis": "Multiple sclerosis (MS)"}


def resolve(slug: str) -> LinkTarget | None:
    if slug in ARTICLES:
        return LinkTarget(url=f"/articles/{slug}/", title=ARTICLES[slug])
    return None


def test_markdown_becomes_html():
    html = render("Some *emphasis* and a list:\n\n- one\n- two\n", resolve).html
    assert "<em>emphasis</em>" in html
    assert "<li>one</li>" in html


def test_internal_link_uses_the_current_url_and_title():
    rendered = render("See [[multiple-sclerosis]].", resolve)
    assert '<a href="/articles/multiple-sclerosis/"' in rendered.html
    assert ">Multiple sclerosis (MS)</a>" in rendered.html
    assert rendered.links == {"multiple-sclerosis"}
    assert rendered.missing_links == ()


def test_internal_link_can_have_its_own_words():
    html = render("Read about [[multiple-sclerosis|MS and its symptoms]].", resolve).html
    assert ">MS and its symptoms</a>" in html


def test_markdown_link_to_an_article_url_counts_as_an_internal_link():
    text = "[MS](/articles/multiple-sclerosis/#symptoms) and [x](/articles/gone/)"
    rendered = render(text, resolve)
    assert 'href="/articles/multiple-sclerosis/#symptoms"' in rendered.html
    assert rendered.links == {"multiple-sclerosis"}
    assert rendered.missing_links == ("gone",)


def test_link_to_a_missing_article_keeps_the_words_but_links_nowhere():
    rendered = render("See [[no-such-page|this page]] and [[no-such-page]].", resolve)
    assert rendered.missing_links == ("no-such-page",)
    assert "this page" in rendered.html
    assert "no-such-page/" not in rendered.html


@pytest.mark.parametrize(
    ("level", "prefix"),
    [
        ("non-urgent", "Non-urgent advice: "),
        ("urgent", "Urgent advice: "),
        ("emergency", "Immediate action required: "),
    ],
)
def test_care_cards_have_the_level_and_the_screen_reader_prefix(level, prefix):
    html = render(f'## Help\n\n!!! {level} "See a GP if:"\n    - it lasts\n', resolve).html
    assert f'class="care-card care-card--{level}"' in html
    assert f'<span class="visually-hidden">{prefix}</span>See a GP if:</h3>' in html
    assert "<li>it lasts</li>" in html


def test_a_note_block_renders_as_an_inset_with_its_heading():
    html = render('!!! note "Reviewer\'s note"\n    Checked against NICE CKS.\n', resolve).html
    assert html.startswith(
        '<div class="inset-text">\n<span class="visually-hidden">Information: </span>'
        '<p class="inset-text__title"><strong>Reviewer\'s note</strong></p>'
    )
    assert "<p>Checked against NICE CKS.</p>" in html


def test_a_note_without_a_heading_has_no_heading_of_its_own():
    html = render("!!! note\n    Checked against NICE CKS.\n", resolve).html
    assert '<span class="visually-hidden">Information: </span><p>Checked' in html
    assert "inset-text__title" not in html
    assert "Note" not in html  # not Markdown's default title


@pytest.mark.parametrize("kind", BLOCK_TYPES)
def test_a_known_block_type_reports_nothing(kind):
    assert render(f'!!! {kind} "Heading"\n    text\n', resolve).unknown_blocks == ()


def test_an_unknown_block_type_is_reported_once_in_order_and_still_shown_as_a_box():
    text = '!!! urgnt "Go now"\n    text\n\n!!! tip\n    more\n\n!!! urgnt\n    again\n'
    rendered = render(text, resolve)
    assert rendered.unknown_blocks == ("urgnt", "tip")
    assert '<div class="callout">\n<p class="callout__title">Go now</p>' in rendered.html
    assert "care-card" not in rendered.html


def test_an_unknown_block_in_the_sources_is_reported_for_the_article():
    rendered = render_article("!!! nte\n    x\n", "!!! tip\n    y\n\n!!! nte\n    z\n", resolve)
    assert rendered.unknown_blocks == ("nte", "tip")


def test_the_unknown_block_message_names_the_unknown_and_the_known_types():
    assert unknown_blocks_message(["urgnt"]) == (
        "Unknown block type \u201curgnt\u201d. Use one of: emergency, urgent, non-urgent, note."
    )
    assert unknown_blocks_message(["urgnt", "tip", "nte"]).startswith(
        "Unknown block types \u201curgnt\u201d, \u201ctip\u201d and \u201cnte\u201d. Use one of:"
    )


def test_the_allow_list_keeps_the_inset_classes_and_drops_others():
    html = (
        '<div class="inset-text other"><span class="visually-hidden">Information: </span>'
        '<p class="inset-text__title"><strong>Note</strong></p></div>'
    )
    assert sanitise(html) == (
        '<div class="inset-text"><span class="visually-hidden">Information: </span>'
        '<p class="inset-text__title"><strong>Note</strong></p></div>'
    )


def test_sections_are_listed_for_the_contents():
    rendered = render("## What it is\n\ntext\n\n### Detail\n\n## Causes & cures\n\ntext", resolve)
    assert [h.text for h in rendered.headings] == ["What it is", "Causes & cures"]
    assert f'<h2 id="{rendered.headings[0].id}">' in rendered.html


def test_a_level_one_heading_becomes_a_section_as_the_page_has_its_title():
    html = render("# Big\n\ntext", resolve).html
    assert "<h1" not in html
    assert "<h2" in html


def test_emergency_number_placeholder_is_filled_on_the_page_and_escaped(settings):
    html = render('!!! emergency "Call {emergency_number} now if:"\n    - x\n', resolve).html
    settings.EMERGENCY_NUMBER = "112"
    filled = article_html(html)
    assert "Call 112 now" in text_of(filled)
    assert re.search(r'Call <a href="tel:112"[^>]*>112</a> now', filled)  # a phone can call it
    settings.EMERGENCY_NUMBER = "<b>999</b>"
    assert re.search(
        r'Call <a href="tel:999"[^>]*>&lt;b&gt;999&lt;/b&gt;</a> now', article_html(html)
    )


def test_care_cards_are_not_sections_even_before_the_first_heading():
    rendered = render('!!! emergency "Call now if:"\n    - x\n\n## Causes\n\ntext', resolve)
    assert [h.text for h in rendered.headings] == ["Causes"]


def test_section_ids_cannot_take_the_ids_of_the_page_around_them():
    rendered = render("## Main content\n\ntext\n\n## Sources\n\ntext", resolve)
    assert [h.id for h in rendered.headings] == ["section-main-content", "section-sources"]


SAFE_TAGS = {"p", "a", "span", "em", "strong", "ul", "li", "h2", "h3", "div", "code"}


@pytest.mark.parametrize("attack", HOSTILE)
def test_hostile_input_never_becomes_markup(attack):
    html = render(f"Text before.\n\n{attack}\n\nText after.", resolve).html
    assert script_vectors(html) == []
    for tag, attrs in elements_of(html):
        assert tag in SAFE_TAGS, tag
        assert "style" not in attrs
    assert "Text before." in html and "Text after." in html
