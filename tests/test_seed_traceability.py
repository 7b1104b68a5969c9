"""Every sentence of the two seed articles is traced in docs/content/seed-traceability.md:
published (and on its page), corrected (the corrected text on its page), or dropped."""

import filecmp
import re
from pathlib import Path

import pytest

from support.pages import main_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
TRACEABILITY = ROOT / "docs" / "content" / "seed-traceability.md"

# Each seed, its page, and the title line it starts with (not a sentence to trace).
SEED_PAGES = [
    ("000_d073990bd3c80ab3.txt", "twitching-in-the-shoulder", "Shoulder shrug"),
    ("003_4f4a60114aeee9fc.txt", "twitching-in-the-stomach", "Twitching in the stomach"),
]
CORRECTED, DROPPED = "corrected:", "dropped:"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    text = fold(text.replace("\u2022", " "))  # list bullets
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s]


def seed_sentences(seed: str, title_line: str) -> list[str]:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert text.startswith(title_line)
    return sentences(text[len(title_line) :])


def cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [fold(cell.replace("\\|", "|")) for cell in re.split(r"(?<!\\)\|", inner)]


def traced_rows(seed: str) -> list[tuple[str, str]]:
    """(seed sentence, published as) for each row of the table in the seed's section."""
    sections = re.split(r"^## ", TRACEABILITY.read_text(encoding="utf-8"), flags=re.MULTILINE)
    (section,) = [s for s in sections if seed in s]
    rows = []
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        row = cells(line)
        assert len(row) == 2, f"not two cells: {line!r}"
        if row == ["seed sentence", "published as"] or set(row[0]) <= set("-: "):
            continue  # the header and its rule
        rows.append((row[0], row[1]))
    return rows


def without_source(corrected: str) -> str:
    """`<text> (<source>)` -> `<text>`: the final bracket, which may hold brackets itself."""
    assert corrected.endswith(")"), f"no (source) at the end: {corrected!r}"
    depth = 0
    for i in range(len(corrected) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(corrected[i], 0)
        if depth == 0:
            return corrected[:i].strip()
    raise AssertionError(f"unbalanced brackets: {corrected!r}")


def page_text(client, slug: str) -> str:
    return fold(main_text(client.get(f"/articles/{slug}/").content.decode()))


@pytest.mark.parametrize(("seed", "slug", "title_line"), SEED_PAGES)
def test_every_sentence_of_the_seed_has_a_row(seed, slug, title_line):
    expected = seed_sentences(seed, title_line)
    assert len(expected) > 20
    traced = {sentence for sentence, _ in traced_rows(seed)}
    missing = [s for s in expected if s not in traced]
    assert not missing, f"{seed}: no row in {TRACEABILITY.name} for {missing}"


@pytest.mark.parametrize(("seed", "slug", "title_line"), SEED_PAGES)
def test_every_row_is_a_sentence_of_its_seed_and_says_what_became_of_it(seed, slug, title_line):
    expected = set(seed_sentences(seed, title_line))
    for sentence, published in traced_rows(seed):
        assert sentence in expected, f"{seed}: not a sentence of the seed: {sentence!r}"
        assert published.removeprefix(CORRECTED).removeprefix(DROPPED).strip(), sentence


@pytest.mark.parametrize(("seed", "slug", "title_line"), SEED_PAGES)
def test_what_is_published_or_corrected_is_on_the_page(client, seed, slug, title_line):
    page = page_text(client, slug)
    not_on_page = []
    for sentence, published in traced_rows(seed):
        if published.startswith(DROPPED):
            continue
        if published.startswith(CORRECTED):
            published = without_source(published.removeprefix(CORRECTED))
        not_on_page += [(sentence, s) for s in sentences(published) if s not in page]
    assert not not_on_page, f"not on /articles/{slug}/ (seed sentence, text): {not_on_page}"


def test_the_shoulder_page_has_a_proper_title_not_the_mistranslation(client):
    html = client.get("/articles/twitching-in-the-shoulder/").content.decode()
    assert "<h1>Twitching in the shoulder</h1>" in html
    assert "Shoulder shrug" not in html


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no ../shared/seeds beside this clone")
@pytest.mark.parametrize(("seed", "slug", "title_line"), SEED_PAGES)
def test_the_copies_match_the_shared_seeds(seed, slug, title_line):
    assert filecmp.cmp(SEEDS / seed, SHARED_SEEDS / seed, shallow=False)
