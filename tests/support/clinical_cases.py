"""The clinical case suite (tests/data/triage_cases.json): each case a person in plain
words, their answers, and the level the sources give. Shared by the test and the summary
that `make test` prints."""

import json
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).parents[1] / "data" / "triage_cases.json").read_text())

# How many levels more cautious than its source the check was, for each case run.
RESULTS = pytest.StashKey[dict[str, int]]()


def summary(results: dict[str, int]) -> str:
    exact = sum(1 for d in results.values() if d == 0)
    one = sum(1 for d in results.values() if d == 1)
    more = sum(1 for d in results.values() if d >= 2)
    under = sum(1 for d in results.values() if d < 0)
    return (
        f"symptom check cases: {len(results)} run; {exact} exact, {one} one level more "
        f"cautious, {more} two or more levels more cautious, {under} under-triaged"
    )
