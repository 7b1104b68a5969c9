"""The clinical risk management file (docs/clinical-safety/) is held to the rules: every
rule has a hazard entry, every test a hazard names exists, ratings follow the plan's
matrix, and a rules version cannot ship without a changelog entry and a safety case."""

import ast
import dataclasses
from pathlib import Path

import pytest

from triage import governance, rules

ROOT = Path(__file__).resolve().parent.parent
SAFETY_DIR = ROOT / "docs" / "clinical-safety"
SEVERITIES = ("Minor", "Significant", "Considerable", "Major", "Catastrophic")
LIKELIHOODS = ("Very low", "Low", "Medium", "High", "Very high")


def risk_matrix() -> dict[tuple[str, str], int]:
    """(severity, likelihood) -> rating, read from the plan's table: declared there once."""
    text = (SAFETY_DIR / "risk-management-plan.md").read_text(encoding="utf-8")
    matrix = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0] in LIKELIHOODS and all(c.isdigit() for c in cells[1:]):
            for severity, rating in zip(SEVERITIES, cells[1:], strict=True):
                matrix[severity, cells[0]] = int(rating)
    return matrix


def defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    }


def test_the_clinical_risk_management_file_has_its_documents():
    for name in (
        "risk-management-plan.md",
        "hazard-log.md",
        f"safety-case-{rules.RULES_VERSION}.md",
        "medical-device.md",
    ):
        assert (SAFETY_DIR / name).is_file(), name
    assert governance.hazard_log(), "the hazard log has no rows"


def test_every_rule_has_a_hazard_entry():
    missing = [rule.code for rule in rules.RULES if not governance.hazards_for_rule(rule.code)]
    assert not missing, f"rules with no hazard entry in hazard-log.md: {missing}"


def test_every_emergency_and_urgent_rule_has_a_row_of_its_own():
    def rule_codes(hazard):
        return {name for name in hazard.named_controls if name in rules.RULES_BY_CODE}

    shared = [
        rule.code
        for rule in rules.ACTIVE_RULES
        if rule.level >= rules.CareLevel.URGENT
        and not any(rule_codes(h) == {rule.code} for h in governance.hazards_for_rule(rule.code))
    ]
    assert not shared, f"urgent or emergency rules with no row of their own: {shared}"


def test_every_test_a_hazard_names_exists():
    missing = []
    for hazard in governance.hazard_log():
        for name in hazard.named_tests:
            path, _, function = name.partition("::")
            if not (ROOT / path).is_file() or function not in defined_tests(ROOT / path):
                missing.append(f"{hazard.id}: {name}")
    assert not missing, f"tests the hazard log names that do not exist: {missing}"


def test_hazard_ids_are_unique_and_every_row_is_filled_in():
    ids = [hazard.id for hazard in governance.hazard_log()]
    assert len(ids) == len(set(ids))
    for hazard in governance.hazard_log():
        for field in dataclasses.fields(hazard):
            assert getattr(hazard, field.name), f"{hazard.id}: {field.name} is empty"
        assert hazard.named_controls, f"{hazard.id} names no control"
        assert hazard.status in {"Open", "Controlled", "Transferred to operator"}, hazard.id


def test_hazard_ratings_follow_the_plans_risk_matrix():
    matrix = risk_matrix()
    assert len(matrix) == len(SEVERITIES) * len(LIKELIHOODS)
    for hazard in governance.hazard_log():
        initial = governance.parse_rating(hazard.initial)
        residual = governance.parse_rating(hazard.residual)
        for rating in (initial, residual):
            assert rating is not None, f"{hazard.id}: write ratings as 'Severity / Likelihood = N'"
            assert matrix.get((rating.severity, rating.likelihood)) == rating.risk, hazard.id
        assert residual.risk <= initial.risk, hazard.id
        if residual.risk >= 4:
            assert hazard.status == "Open", f"{hazard.id}: an unacceptable risk is not closed"


@pytest.mark.parametrize(
    "named",
    [
        "EMERGENCY_NUMBER",
        "URGENT_CARE_CONTACT",
        "rhabdomyolysis",
        "low calcium",
        "2 weeks",
        "TRIAGE_ENABLED",
    ],
)
def test_the_hazard_log_covers_what_the_plan_requires(named):
    assert any(named in " ".join(dataclasses.astuple(h)) for h in governance.hazard_log()), named


def test_the_rules_version_has_a_changelog_entry_and_a_safety_case():
    problems = governance.problems()
    assert not problems, "\n".join(problems)
    entry = governance.changelog_entry(rules.RULES_VERSION)
    case = governance.safety_case(rules.RULES_VERSION)
    assert entry.approved_by and case.approved_by


def test_a_rules_change_without_a_new_version_fails():
    tables = governance.rules_tables()
    first = rules.RULES[0]
    changed = {**tables, "rules": (dataclasses.replace(first, level="urgent"), *rules.RULES[1:])}
    problems = governance.problems(tables=changed)
    assert any("not those the changelog entry" in problem for problem in problems)
    reworded = dataclasses.replace(rules.CALL_EMERGENCY_IF, heading="Call now if:")
    assert governance.fingerprint({**tables, "while_switched_off": (reworded,)}) != (
        governance.fingerprint(tables)
    )


def test_a_new_version_without_its_records_fails():
    problems = governance.problems(version="2099-01-01.1")
    assert any("no entry for rules version 2099-01-01.1" in problem for problem in problems)
    assert any("There is no safety case" in problem for problem in problems)


def test_an_approval_line_that_says_pending_is_not_an_approval():
    entries = governance.parse_changelog(
        "# Changelog\n\n## 2\n\n**Approved by:** Dr A Example, GMC 1234567, 2 Dec 2026\n\n"
        "**Rules fingerprint:** `abc`\n\n## 1\n\n**Approved by:** approval pending: not for "
        "production.\n"
    )
    assert [(e.version, e.approved, e.fingerprint) for e in entries] == [
        ("2", True, "abc"),
        ("1", False, ""),
    ]


def test_changelog_versions_are_distinct_and_the_current_one_is_first():
    versions = [entry.version for entry in governance.changelog()]
    assert len(versions) == len(set(versions))
    assert versions[0] == rules.RULES_VERSION
