"""Editors see how hard an article is to read (Flesch reading ease)."""

import pytest

from articles.readability import describe, flesch_reading_ease, syllables, text_blocks


def test_short_plain_sentences_score_higher_than_long_technical_ones():
    plain = flesch_reading_ease("<p>The cat sat on the mat. It was warm.</p>")
    hard = flesch_reading_ease(
        "<p>Amyotrophic lateral sclerosis is a progressive neurodegenerative disease "
        "predominantly affecting upper and lower motor neurones.</p>"
    )
    assert plain > 90
    assert hard < 30
    assert describe(plain) == "Very easy"
    assert describe(hard) == "Very hard"


@pytest.mark.parametrize(("word", "count"), [("cat", 1), ("twitching", 2), ("muscle", 2)])
def test_syllables_come_from_the_hyphenation_dictionary(word, count):
    assert syllables(word) == count


def test_each_list_item_and_heading_counts_as_a_sentence():
    assert text_blocks("<h2>Causes</h2><ul><li>stress</li><li>caffeine</li></ul>") == [
        "Causes",
        "stress",
        "caffeine",
    ]


def test_an_article_without_words_has_no_score():
    assert flesch_reading_ease("") is None
    assert describe(None) == "No text yet"


@pytest.mark.django_db
def test_the_admin_shows_each_articles_reading_ease(editor_client, make_article):
    article = make_article(body="Twitches are common. Most are harmless.")
    assert article.reading_ease is not None
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f"{article.reading_ease:.0f}: {article.reading_level}" in page
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert "Reading ease" in listing
