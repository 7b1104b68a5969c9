"""The symptom check's system checks: run by `make check` and before `migrate`, with no
database, so a link to an article that is not shipped cannot go unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

from triage import checks, rules

ROOT = Path(__file__).resolve().parent.parent


def warned_slugs(messages) -> set[str]:
    return {m.msg.split("“")[1].split("”")[0] for m in messages if m.id == "triage.W001"}


def test_the_system_check_warns_of_a_linked_slug_with_no_article_file(monkeypatch):
    linked = (rules.MS, "no-such-article")
    monkeypatch.setattr(rules, "ARTICLES", linked)
    messages = checks.linked_articles_are_shipped()
    assert warned_slugs(messages) == {"no-such-article"}
    assert "ARTICLE_LINKS in triage/rules.py" in messages[0].hint


def test_the_system_check_is_quiet_when_every_linked_article_is_shipped(monkeypatch):
    shipped = sorted(p.stem for p in (ROOT / "articles" / "content").glob("*.md"))
    monkeypatch.setattr(rules, "ARTICLES", tuple(shipped))
    assert checks.linked_articles_are_shipped() == []


def test_the_system_check_runs_without_a_database():
    # A database nobody listens on: any check that touched it would fail.
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none", "CI": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified" in output
    # The slugs the rules link to that are not shipped yet are named, and only those.
    shipped = {p.stem for p in (ROOT / "articles" / "content").glob("*.md")}
    for slug in rules.ARTICLES:
        assert (f"article “{slug}”" in output) is (slug not in shipped), slug


def test_every_article_the_symptom_check_links_to_is_shipped():
    assert checks.linked_articles_are_shipped() == []
