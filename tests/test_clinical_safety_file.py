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
        for name in hazard.named_controls:
            if name.startswith("tests/") and "::" not in name:
                missing.append(f"{hazard.id}: {name} (name a test as tests/file.py::test_name)")
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
    ("topic", "words"),
    [
        ("a wrong contact setting", ["EMERGENCY_NUMBER", "URGENT_CARE_CONTACT"]),
        ("an outage or storage failure", ["database", "cache"]),
        ("use outside the country", ["outside", "country"]),
        ("mis-ticked or ambiguous labels", ["wrong box", "two ways"]),
        ("rhabdomyolysis, a known gap", ["rhabdomyolysis", "Known gap"]),
        ("low calcium, a known gap", ["low calcium", "Known gap"]),
        ("NICE's urgent and immediately", ["2 weeks", "few hours", "URGENT"]),
        ("the switch", ["TRIAGE_ENABLED", "Report a safety concern"]),
    ],
)
def test_the_hazard_log_has_a_row_for_each_hazard_the_plan_requires(topic, words):
    rows = [
        h
        for h in governance.hazard_log()
        if all(w in " ".join(dataclasses.astuple(h)) for w in words)
    ]
    assert rows, f"no hazard row covers {topic} (naming {words})"


def test_a_known_gap_stays_open():
    gaps = [h for h in governance.hazard_log() if h.hazard.startswith("Known gap")]
    assert len(gaps) >= 2 and all(gap.status == "Open" for gap in gaps)


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
    engine = governance.ENGINE.read_text(encoding="utf-8")
    lowered = engine.replace("default=CareLevel.SELF_CARE", "default=CareLevel.ROUTINE")
    assert lowered != engine
    assert governance.problems(engine=governance.engine_code(lowered))
    # A comment is not a change to how the rules are applied.
    assert not governance.problems(engine=governance.engine_code(engine + "\n# a note\n"))
    reworded = dataclasses.replace(rules.CALL_EMERGENCY_IF, heading="Call now if:")
    assert governance.fingerprint({**tables, "while_switched_off": (reworded,)}) != (
        governance.fingerprint(tables)
    )


def test_a_new_version_without_its_records_fails():
    problems = governance.problems(version="2099-01-01.1")
    assert any("no entry for rules version 2099-01-01.1" in problem for problem in problems)
    assert any("There is no safety case" in problem for problem in problems)


def test_only_the_named_clinical_safety_officer_approves_a_version():
    entries = governance.parse_changelog(
        "# Changelog\n\n## 2\n\n**Approved by:** Dr A Example, GMC 1234567, on 2 December\n"
        "2026, after the case suite\n\n**Rules fingerprint:** `abc`\n\n## 1\n\n"
        "**Approved by:** approval pending: not for production.\n"
    )
    newer, older = entries
    assert (newer.version, newer.fingerprint, older.fingerprint) == ("2", "abc", "")
    assert (
        newer.approved_by == "Dr A Example, GMC 1234567, on 2 December 2026, after the case suite"
    )
    officer = "Dr A  Example, GMC 1234567"
    assert newer.approved_by_officer(officer)
    assert not older.approved_by_officer(officer)  # pending
    assert not newer.approved_by_officer("")  # nobody named: nothing is approved
    assert not newer.approved_by_officer("Dr B Other, NMC 99A9999A")


def test_changelog_versions_are_distinct_and_the_current_one_is_first():
    versions = [entry.version for entry in governance.changelog()]
    assert len(versions) == len(set(versions))
    assert versions[0] == rules.RULES_VERSION
