"""`make audit` says plainly when it could not check the dependencies, instead of
reporting no known vulnerabilities having checked nothing. pip-audit is stood in for by
a script that answers as pip-audit does."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def audit_with(tmp_path: Path, output: str, status: int) -> subprocess.CompletedProcess:
    tools = tmp_path / "tools"
    (tools / "bin").mkdir(parents=True)
    (tools / ".ready").touch()
    fake = tools / "bin" / "pip-audit"
    fake.write_text(f"#!/bin/sh\ncat <<'END'\n{output}\nEND\nexit {status}\n")
    fake.chmod(0o755)
    return subprocess.run(
        ["make", "--no-print-directory", "audit", f"TOOLS={tools}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make runs the audit")


def test_an_audit_that_reached_no_database_says_it_could_not_check(tmp_path):
    result = audit_with(
        tmp_path,
        "ERROR:pip_audit._cli:django: Dependency not found on PyPI and could not be audited",
        1,
    )
    assert result.returncode != 0
    assert "COULD NOT CHECK" in result.stdout
    assert "nothing here says they are safe" in result.stdout


def test_an_audit_that_checked_everything_passes(tmp_path):
    result = audit_with(tmp_path, "No known vulnerabilities found", 0)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No known vulnerabilities found" in result.stdout
    assert "COULD NOT CHECK" not in result.stdout


def test_a_vulnerability_found_fails_the_audit_without_blaming_the_network(tmp_path):
    result = audit_with(
        tmp_path, "Found 1 known vulnerability in 1 package\ndjango 5.2.19 PYSEC-0", 1
    )
    assert result.returncode != 0
    assert "COULD NOT CHECK" not in result.stdout
