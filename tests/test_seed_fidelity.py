"""The two seed articles are published verbatim: every sentence, in order, on its page."""

import filecmp
import re
from pathlib import Path

import pytest

from pages import main_text

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).parent / "data" / "seeds"
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Each seed, its page, and the title line it starts with (which becomes the page title).
SEED_PAGES = [
    ("000_d073990bd3c80ab3.txt", "twitching-in-the-shoulder", "Shoulder shrug"),
    ("003_4f4a60114aeee9fc.txt", "twitching-in-the-stomach", "Twitching in the stomach"),
]


def sentences(text: str) -> list[str]:
    text = text.replace("\u2022", " ")  # list bullets
    text = re.sub(r"\s+", " ", text).strip()
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s]


@pytest.mark.parametrize(("seed", "slug", "title_line"), SEED_PAGES)
def test_every_sentence_of_the_seed_is_on_its_page_in_order(client, seed, slug, title_line):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert text.startswith(title_line)
    expected = sentences(text[len(title_line) :])
    assert len(expected) > 20
    page = main_text(client.get(f"/articles/{slug}/").content.decode())
    position = 0
    for sentence in expected:
        found = page.find(sentence, position)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        position = found + len(sentence)


def test_the_shoulder_page_has_a_proper_title_not_the_mistranslation(client):
    html = client.get("/articles/twitching-in-the-shoulder/").content.decode()
    assert "<h1>Twitching in the shoulder</h1>" in html
    assert "Shoulder shrug" not in html


def test_the_stomach_seed_labels_are_headings(client):
    html = client.get("/articles/twitching-in-the-stomach/").content.decode()
    for heading in ("Definition", "The causes", "The accompanying symptoms"):
        assert re.search(rf"<h2 id=\"[a-z-]+\">{heading}</h2>", html), heading


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no ../shared/seeds beside this clone")
@pytest.mark.parametrize(("seed", "slug", "title_line"), SEED_PAGES)
def test_the_copies_match_the_shared_seeds(seed, slug, title_line):
    assert filecmp.cmp(SEEDS / seed, SHARED_SEEDS / seed, shallow=False)
