"""Line-by-line differences between two versions of an article: the one diff for
"Compare two versions" and a pending draft's changes. Plain Python.

difflib's matcher grows faster than the square of its input on repetitive text, so a
field of more than MAX_TOKENS lines, old and new together, is not compared: the page
says it is too large to compare here, at once. The caps on an article's text
(articles/rendering.py) keep a field to 2,000 lines, so only versions saved before them
can be that large.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


MAX_TOKENS = 5_000


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    lines: list[DiffLine]
    too_large: bool = False


def line_diff(old: str, new: str, context: int = 2) -> list[DiffLine]:
    """The changed lines of a text, with a few unchanged lines around each change."""
    old_lines, new_lines = str(old).splitlines(), str(new).splitlines()
    lines: list[DiffLine] = []
    # autojunk (difflib's default) sets aside lines that fill more than 1% of a text of
    # 200 lines or more: without it, 1,000 lines of "x" against "x" and "y" took 11 s.
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", line) for line in old_lines[i1:i2])
                continue
            lines.extend(DiffLine("removed", line) for line in old_lines[i1:i2])
            lines.extend(DiffLine("added", line) for line in new_lines[j1:j2])
    return lines


def field_diffs(
    old: Mapping[str, Any], new: Mapping[str, Any], labels: Mapping[str, str]
) -> list[FieldDiff]:
    """Each field, in the order of `labels`, whose value differs between two versions."""
    changes = []
    for name, label in labels.items():
        before, after = _text(old.get(name)), _text(new.get(name))
        if before == after:
            continue
        if len(before.splitlines()) + len(after.splitlines()) > MAX_TOKENS:
            changes.append(FieldDiff(name, label, [], too_large=True))
        else:
            changes.append(FieldDiff(name, label, line_diff(before, after)))
    return changes


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "\n".join(str(item) for item in value)
    return str(value)
