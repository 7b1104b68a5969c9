"""Every shipped article reads as plain English (Flesch reading ease of 60 or more).

Scored as the site scores it (Article.fill_rendered_fields): the site's counter on the
rendered body. No database: links between the shipped files are resolved from the files.
"""

import pytest

from articles import content_files, readability
from articles.rendering import LinkTarget, render_article

PLAIN_ENGLISH = 60
FILES = {f.slug: f for f in content_files.read_all()}


def resolve(slug: str) -> LinkTarget | None:
    if slug not in FILES:
        return None
    return LinkTarget(url=f"/articles/{slug}/", title=FILES[slug].title)


@pytest.mark.parametrize("slug", FILES)
def test_each_shipped_article_reads_as_plain_english(slug):
    f = FILES[slug]
    body_html = render_article(f.body, f.sources, resolve).body.html
    score = readability.flesch_reading_ease(body_html)
    assert score is not None, f"{slug} has no words"
    hardest = "\n".join(f"  - {s}" for s in readability.hardest_sentences(body_html, n=3))
    assert score >= PLAIN_ENGLISH, (
        f"{slug} scores {score} ({readability.describe(score)}), below {PLAIN_ENGLISH}. "
        f"Its hardest sentences:\n{hardest}"
    )


def test_the_hardest_sentences_come_first_and_of_two_equals_the_longer():
    html = (
        "<p>Cats twitch. Amyotrophic lateral sclerosis is progressive.</p>"
        "<ul><li>Frogs twitch.</li><li>Muscles often twitch.</li></ul>"
    )
    assert readability.hardest_sentences(html, n=3) == [
        "Amyotrophic lateral sclerosis is progressive.",
        "Muscles often twitch.",
        "Frogs twitch.",
    ]
