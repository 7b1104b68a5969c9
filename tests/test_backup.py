"""A backup of the SQLite database, taken while the site runs, holds every check."""

import io
import sqlite3
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import ConnectionHandler

from support.triage_forms import VALID
from triage.engine import assess
from triage.services import submission_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL backups use pg_dump")
def test_a_backup_restores_every_submission(tmp_path):
    keys = [f"{n:032x}" for n in range(25)]
    for key in keys:
        submission_create(assessment=assess(VALID), form_key=key)
    target = tmp_path / "backups" / "db.sqlite3"
    out = io.StringIO()
    call_command("backup_database", str(target), stdout=out)
    assert "Backed up to" in out.getvalue()
    restored = sqlite3.connect(target)
    try:
        assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in restored.execute("SELECT form_key FROM triage_submission")}
    finally:
        restored.close()
    assert stored == set(keys)
    assert [p.name for p in (tmp_path / "backups").iterdir()] == ["db.sqlite3"]  # no .partial left


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the SQLite path is tested above")
def test_on_postgresql_the_command_points_to_pg_dump(tmp_path):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_database", str(tmp_path / "x"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL backups use pg_dump")
def test_a_backup_never_overwrites_the_live_database_or_a_folder(tmp_path, settings):
    live = connection.settings_dict["NAME"]
    if "memory" in str(live):
        live = tmp_path / "pretend-live.sqlite3"
        connection.settings_dict["NAME"], old = str(live), connection.settings_dict["NAME"]
    else:
        old = None
    try:
        with pytest.raises(CommandError, match="is the live database"):
            call_command("backup_database", str(live), stdout=io.StringIO())
    finally:
        if old is not None:
            connection.settings_dict["NAME"] = old
    with pytest.raises(CommandError, match="is a folder"):
        call_command("backup_database", str(tmp_path), stdout=io.StringIO())
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL backups use pg_dump")
def test_a_backup_is_one_self_contained_file(tmp_path):
    target = tmp_path / "db.sqlite3"
    call_command("backup_database", str(target), stdout=io.StringIO())
    with sqlite3.connect(target) as restored:
        assert restored.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not list(tmp_path.glob("*.partial"))


def mode_of(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL backups use pg_dump")
def test_a_backup_file_is_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "db.sqlite3"
    call_command("backup_database", str(target), stdout=io.StringIO())
    assert mode_of(target) == 0o600


def test_a_new_sqlite_database_and_its_journal_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "new.sqlite3"
    fresh = ConnectionHandler({"default": {"ENGINE": "ops.sqlite", "NAME": str(path)}})["default"]
    try:
        with fresh.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("CREATE TABLE t (x)")
            cursor.execute("INSERT INTO t VALUES (1)")
        files = sorted(tmp_path.iterdir())
        assert [f.name for f in files] == ["new.sqlite3", "new.sqlite3-shm", "new.sqlite3-wal"]
        assert {f.name: mode_of(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        fresh.close()
