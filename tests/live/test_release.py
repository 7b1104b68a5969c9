"""`manage.py release` (make release, make serve) started by several app servers at the
same moment on a new database: each finishes, and the database is migrated and loaded
once."""

import subprocess
import sys

import pytest

from articles.content_files import CONTENT_DIR
from support.liveserver import ROOT, LiveServer, query

pytestmark = pytest.mark.live

SERVERS = 3


def test_releases_started_together_on_a_new_database_all_succeed_and_apply_each_step_once(
    scratch_database, tmp_path
):
    env = LiveServer(scratch_database, tmp_path).env
    command, piped = [sys.executable, "manage.py", "release"], subprocess.PIPE
    releases = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=piped, stderr=subprocess.STDOUT)
        for _ in range(SERVERS)
    ]
    outputs = [release.communicate(timeout=300)[0].decode() for release in releases]

    assert [release.returncode for release in releases] == [0] * SERVERS, "\n".join(outputs)
    assert (
        query(
            scratch_database,
            "SELECT app, name FROM django_migrations GROUP BY app, name HAVING COUNT(*) > 1",
        )
        == []
    )
    assert sum("Applying articles.0001_initial... OK" in output for output in outputs) == 1
    shipped = len(list(CONTENT_DIR.glob("*.md")))
    assert sum(f"{shipped} created" in output for output in outputs) == 1
    assert query(scratch_database, "SELECT COUNT(*) FROM articles_article") == [(shipped,)]
    # The others found the articles loaded, and changed nothing.
    unchanged = f"0 created, 0 updated, {shipped} unchanged"
    assert sum(unchanged in output for output in outputs) == SERVERS - 1
