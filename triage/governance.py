"""The symptom check's clinical safety records, read from the files clinicians sign.

- `triage/CHANGELOG.md`: one entry per rules version, saying what changed, why, who
  approved it, and the fingerprint of the rules tables and engine code it describes.
- `docs/clinical-safety/safety-case-<version>.md`: the safety case for each version,
  with its approval line.

The fingerprint ties a version to its tables: change a rule, question, text or link
without a new version, changelog entry and safety case, and the tests fail
(docs/clinical-safety/risk-management-plan.md). Plain standard library, like the rules.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from triage import rules

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = Path(__file__).resolve().parent / "CHANGELOG.md"
CLINICAL_SAFETY_DIR = ROOT / "docs" / "clinical-safety"
HAZARD_LOG = CLINICAL_SAFETY_DIR / "hazard-log.md"
# How an approval line starts while no Clinical Safety Officer has approved the version.
PENDING = "approval pending"

_HEADING = re.compile(r"^## (\S+)[ \t]*$", re.MULTILINE)
# The approval line runs to the end of its paragraph.
_APPROVED_BY = re.compile(r"^\*\*Approved by:\*\*[ \t]*(.+(?:\n[^\n]+)*)", re.MULTILINE)
_FINGERPRINT = re.compile(r"^\*\*Rules fingerprint:\*\*[ \t]*`([0-9a-f]+)`", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One version's changelog entry."""

    version: str
    approved_by: str  # "" when the entry has no approval line
    fingerprint: str  # "" when the entry records none (the first edition)
    text: str  # the entry's Markdown, without its heading

    def approved_by_officer(self, officer: str) -> bool:
        return is_approved(self.approved_by, officer)


@dataclass(frozen=True)
class SafetyCase:
    version: str
    path: Path
    approved_by: str
    text: str

    def approved_by_officer(self, officer: str) -> bool:
        return is_approved(self.approved_by, officer)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def is_approved(line: str, officer: str) -> bool:
    """Whether the approval line is the named Clinical Safety Officer's: it starts with
    their name and registration as the operator set them (CLINICAL_SAFETY_OFFICER).
    With no officer named, nothing is approved."""
    officer = " ".join(officer.split()).lower()
    return bool(officer) and line.lower().startswith(officer)


def parse_changelog(text: str) -> list[Entry]:
    """The entries, newest first, as the file lists them."""
    headings = list(_HEADING.finditer(text))
    entries = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        body = text[heading.end() : following.start() if following else len(text)].strip()
        approved = _APPROVED_BY.search(body)
        fingerprint = _FINGERPRINT.search(body)
        entries.append(
            Entry(
                version=heading.group(1),
                approved_by=_one_line(approved.group(1)) if approved else "",
                fingerprint=fingerprint.group(1) if fingerprint else "",
                text=body,
            )
        )
    return entries


@cache
def changelog() -> tuple[Entry, ...]:
    return tuple(parse_changelog(CHANGELOG.read_text(encoding="utf-8")))


def changelog_entry(version: str) -> Entry | None:
    return next((entry for entry in changelog() if entry.version == version), None)


def known_versions() -> frozenset[str]:
    """Every version the changelog records: the ones a stored check or concern may name."""
    return frozenset(entry.version for entry in changelog())


def safety_case_path(version: str) -> Path:
    return CLINICAL_SAFETY_DIR / f"safety-case-{version}.md"


def safety_case_shown_as(version: str) -> str:
    """Where the safety case lives, as a developer would find it."""
    return f"docs/clinical-safety/{safety_case_path(version).name}"


@cache
def safety_case(version: str) -> SafetyCase | None:
    path = safety_case_path(version)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    approved = _APPROVED_BY.search(text)
    return SafetyCase(version, path, _one_line(approved.group(1)) if approved else "", text)


# --- The fingerprint of the rules tables ------------------------------------------


def _plain(value: object) -> object:
    """A value as JSON can hold it, the same on every run (sets sorted, enums by value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted((_plain(item) for item in value), key=json.dumps)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def rules_tables(module=rules) -> dict[str, object]:
    """Everything in the rules that changes what a person is asked, told or shown."""
    return {
        "levels": [
            (level.value, level.label, level.care_card_prefix) for level in module.CareLevel
        ],
        "questions": module.QUESTIONS,
        "rules": module.RULES,
        "outcomes": module.OUTCOMES,
        "wordings": module.WORDINGS,
        "advice": module.ADVICE,
        "reassurance_up_to": module.REASSURANCE_UP_TO,
        "while_switched_off": module.WHILE_SWITCHED_OFF,
        "article_links": module.ARTICLE_LINKS,
        "max_articles": module.MAX_ARTICLES,
    }


ENGINE = Path(__file__).resolve().parent / "engine.py"


def engine_code(text: str | None = None) -> str:
    """How the rules are applied: the engine's lines, without blank and comment lines, so
    that a comment may change but no line of code without a new version."""
    text = ENGINE.read_text(encoding="utf-8") if text is None else text
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("#"))


def fingerprint(tables: Mapping[str, object] | None = None, engine: str | None = None) -> str:
    tables = rules_tables() if tables is None else tables
    canonical = json.dumps(_plain(tables), sort_keys=True, ensure_ascii=False)
    code = engine_code() if engine is None else engine
    return hashlib.sha256(f"{canonical}\n{code}".encode()).hexdigest()[:16]


# --- What is missing -----------------------------------------------------------------


def problems(
    version: str | None = None,
    tables: Mapping[str, object] | None = None,
    engine: str | None = None,
) -> list[str]:
    """Why this version may not be released as it is: [] when its records are complete.

    Approval pending is not a problem here: it is allowed, and shown as a banner in
    production (see `approval_pending`).
    """
    version = version or rules.RULES_VERSION
    found = []
    entry = changelog_entry(version)
    if entry is None:
        found.append(f"triage/CHANGELOG.md has no entry for rules version {version}.")
    else:
        if not entry.approved_by:
            found.append(f"The changelog entry for {version} has no “**Approved by:**” line.")
        actual = fingerprint(tables, engine)
        if entry.fingerprint != actual:
            found.append(
                f"The rules and engine are not those the changelog entry for {version} describes "
                f"(recorded fingerprint {entry.fingerprint or 'none'}, now {actual}). A change "
                "to the rules needs a new RULES_VERSION, a changelog entry with this "
                "fingerprint, and a safety case."
            )
    case = safety_case(version)
    if case is None:
        found.append(f"There is no safety case: {safety_case_shown_as(version)}.")
    elif not case.approved_by:
        found.append(f"The safety case for {version} has no “**Approved by:**” line.")
    return found


def approval_pending(officer: str, version: str | None = None) -> bool:
    """Whether this version still waits for the named Clinical Safety Officer's approval,
    in the changelog and its safety case (or either is missing, or nobody is named)."""
    version = version or rules.RULES_VERSION
    entry, case = changelog_entry(version), safety_case(version)
    return not (
        entry and entry.approved_by_officer(officer) and case and case.approved_by_officer(officer)
    )


# --- The hazard log ---------------------------------------------------------------------

HAZARD_COLUMNS = (
    "id", "hazard", "cause", "effect", "controls", "initial risk", "residual risk", "status",
)  # fmt: skip
_BACKTICKED = re.compile(r"`([^`]+)`")
_RATING = re.compile(r"^(?P<severity>[A-Za-z ]+?) / (?P<likelihood>[A-Za-z ]+?) = (?P<risk>\d)$")


@dataclass(frozen=True)
class Rating:
    severity: str
    likelihood: str
    risk: int


@dataclass(frozen=True)
class Hazard:
    id: str
    hazard: str
    cause: str
    effect: str
    controls: str
    initial: str
    residual: str
    status: str

    @property
    def named_controls(self) -> tuple[str, ...]:
        """What the controls name in backticks: rule codes, texts, settings and tests."""
        return tuple(_BACKTICKED.findall(self.controls))

    @property
    def named_tests(self) -> tuple[str, ...]:
        return tuple(name for name in self.named_controls if "::" in name)


def parse_rating(cell: str) -> Rating | None:
    match = _RATING.match(cell.strip())
    if not match:
        return None
    return Rating(match["severity"], match["likelihood"], int(match["risk"]))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_hazard_log(text: str) -> list[Hazard]:
    """The rows of the log's table (the one whose header is HAZARD_COLUMNS)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if tuple(_cells(line)) == HAZARD_COLUMNS), None)
    if start is None:
        raise ValueError(f"no table with the columns: {', '.join(HAZARD_COLUMNS)}")
    hazards = []
    for line in lines[start + 2 :]:  # after the header and its --- row
        if not line.startswith("|"):
            break
        cells = _cells(line)
        if len(cells) != len(HAZARD_COLUMNS):
            raise ValueError(f"a hazard row needs {len(HAZARD_COLUMNS)} cells: {line[:60]!r}")
        hazards.append(Hazard(*cells))
    return hazards


@cache
def hazard_log() -> tuple[Hazard, ...]:
    return tuple(parse_hazard_log(HAZARD_LOG.read_text(encoding="utf-8")))


def hazards_for_rule(code: str) -> tuple[Hazard, ...]:
    return tuple(hazard for hazard in hazard_log() if code in hazard.named_controls)
