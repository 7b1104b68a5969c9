"""SQLite connections are kept between requests, but never to a file that is no longer the
database (moved, deleted, or replaced by a restore)."""

import os
import sqlite3

import pytest
from django.db.utils import ConnectionHandler


def wrapper_for(name: str):
    return ConnectionHandler({"default": {"ENGINE": "ops.sqlite", "NAME": name}})["default"]


@pytest.fixture
def path(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # a database of the test's own, not the suite's
        yield tmp_path / "site.sqlite3"


@pytest.fixture
def wrapper(path):
    wrapper = wrapper_for(str(path))
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x)")
    yield wrapper
    wrapper.close()


def test_a_kept_connection_stays_usable_while_the_file_is_the_same(wrapper):
    assert wrapper.is_usable()


@pytest.mark.parametrize("change", ["moved", "deleted", "replaced"])
def test_a_kept_connection_is_dropped_when_the_file_is_not_its_own_any_more(path, wrapper, change):
    if change == "moved":
        os.replace(path, path.with_name("away.sqlite3"))
    elif change == "deleted":
        path.unlink()
    else:  # a backup copied into place
        backup = path.with_name("backup.sqlite3")
        with sqlite3.connect(backup) as conn:
            conn.execute("CREATE TABLE restored (x)")
        os.replace(backup, path)
    assert not wrapper.is_usable()

    if change == "replaced":
        wrapper.close()
        with wrapper.cursor() as cursor:  # a new connection sees the file now at the path
            cursor.execute("SELECT name FROM sqlite_master")
            assert cursor.fetchall() == [("restored",)]


def test_a_memory_database_is_always_usable(django_db_blocker):
    with django_db_blocker.unblock():
        wrapper = wrapper_for(":memory:")
        wrapper.ensure_connection()
        assert wrapper.is_usable()
        wrapper.close()
