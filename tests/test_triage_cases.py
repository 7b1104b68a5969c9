"""The clinical case suite: no case gets a lower level than its source gives. No Django needed.

`make test` prints the figures at the end: exact, one level more cautious, two or more
levels more cautious, and under-triaged (any of those fails its case).
"""

import pytest

from support.clinical_cases import CASES, RESULTS
from triage.engine import assess
from triage.rules import QUESTIONS_BY_NAME, RULES_BY_CODE, URGENT, CareLevel


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case_is_never_under_triaged(case, request):
    level = assess(case["answers"]).level
    expected = CareLevel(case["expected"])
    request.config.stash.setdefault(RESULTS, {})[case["id"]] = level.rank - expected.rank
    assert level >= expected, f"{case['person']} Expected {expected}, got {level}."


def test_cases_are_many_and_each_is_a_person_with_a_source():
    assert len(CASES) >= 80
    assert len({case["id"] for case in CASES}) == len(CASES)
    for case in CASES:
        assert case["person"].endswith(".") and case["source"], case["id"]
        CareLevel(case["expected"])


def test_cases_cover_every_emergency_and_urgent_value_children_under_5s_and_benign_cases():
    said = {
        (name, value)
        for case in CASES
        for name, answer in case["answers"].items()
        for value in (answer if isinstance(answer, list) else [answer])
    }
    for rule in RULES_BY_CODE.values():
        if rule.level >= URGENT and not rule.retired:
            assert any((rule.question, value) in said for value in rule.values), rule.code
    ages = {value for name, value in said if name == "age"}
    assert ages == set(QUESTIONS_BY_NAME["age"].values)
    expected = [case["expected"] for case in CASES]
    assert expected.count("self_care") >= 10
