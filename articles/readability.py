"""A readability figure for an article: Flesch reading ease. Plain Python: no database.

Syllables are counted from pyphen's hyphenation dictionaries, which ship with the package
(no download at run time), and from vowel groups. The formula is Rudolf Flesch's (1948):

    206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)

Higher is easier. 60 to 70 is plain English; below 50 is hard for many readers.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

import pyphen

# Elements whose end also ends a sentence: a list item or heading rarely has a full stop.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote"}
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# Only from the start of a run of marks, and never backing into it: linear on any text
# (a run of 20,000 dots before a letter took 4 s with a plain `[.!?]+`).
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++(?=\s|$)")
# Between two sentences, where _SENTENCE_END counts one ending.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")

BANDS = [
    (90, "Very easy"),
    (80, "Easy"),
    (70, "Fairly easy"),
    (60, "Plain English"),
    (50, "Fairly hard"),
    (30, "Hard"),
    (float("-inf"), "Very hard"),
]


class _TextBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()

    def flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []


def text_blocks(html: str) -> list[str]:
    """The text of each paragraph, list item and heading in a piece of HTML."""
    parser = _TextBlocks()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Syllables in a word: the larger of two estimates, each of which undercounts.

    Hyphenation points always fall between syllables, but dictionaries leave out many
    (amyotroph-ic); vowel groups miss a few (a-my-o: "yo" is one group).
    """
    word = word.lower()
    hyphenated = len(_dictionary().positions(word)) + 1
    groups = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1  # a silent final e: "caffeine", "cause"
    return max(hyphenated, groups, 1)


def flesch_reading_ease(html: str) -> float | None:
    """Flesch reading ease of a piece of HTML, or None when it has no words."""
    sentences = words = syllable_count = 0
    for block in text_blocks(html):
        block_words = _WORD.findall(block)
        if not block_words:
            continue
        # Each block ends a sentence, as do full stops, question and exclamation marks
        # inside it.
        sentences += max(1, len(_SENTENCE_END.findall(block.rstrip(".!?"))) + 1)
        words += len(block_words)
        syllable_count += sum(syllables(word) for word in block_words)
    if not words:
        return None
    return round(_ease(sentences, words, syllable_count), 1)


def _ease(sentences: int, words: int, syllable_count: int) -> float:
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllable_count / words)


def hardest_sentences(html: str, n: int = 3) -> list[str]:
    """The n sentences that pull the text's reading ease down most, hardest first: those
    whose removal would raise its score most. (A sentence scored on its own would name a
    two-word heading, which pulls the whole text down very little.) Of two that weigh
    the same, the longer first."""
    counted = []
    for block in text_blocks(html):
        for sentence in _SENTENCE_BREAK.split(block):
            words = _WORD.findall(sentence)
            if words:
                counted.append((sentence, len(words), sum(syllables(word) for word in words)))
    if len(counted) < 2:
        return [sentence for sentence, *_ in counted][:n]
    total_words = sum(words for _, words, _ in counted)
    total_syllables = sum(syllables_ for *_, syllables_ in counted)
    whole = _ease(len(counted), total_words, total_syllables)

    def rise_without(item: tuple[str, int, int]) -> float:
        _, words, syllables_ = item
        return _ease(len(counted) - 1, total_words - words, total_syllables - syllables_) - whole

    # sorted() is stable: sentences that tie on both keep the order they are read in.
    ranked = sorted(counted, key=lambda item: (-rise_without(item), -len(item[0])))
    return [sentence for sentence, *_ in ranked[:n]]


def describe(score: float | None) -> str:
    if score is None:
        return "No text yet"
    return next(label for floor, label in BANDS if score >= floor)
