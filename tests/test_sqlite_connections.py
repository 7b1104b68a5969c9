"""SQLite connections are kept between requests, but never to a file that is no longer the
database (moved, deleted, or replaced by a restore); writers queue on SQLite's lock, each
goes on once the one before it is done, and one gives up after its timeout."""

import os
import sqlite3
import threading

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler


def wrapper_for(name: str, **options):
    # As twitchsite/settings.py configures SQLite: writers take the lock at BEGIN.
    options = {"transaction_mode": "IMMEDIATE"} | options
    settings = {"ENGINE": "ops.sqlite", "NAME": name, "OPTIONS": options}
    return ConnectionHandler({"default": settings})["default"]


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


def begin(wrapper) -> None:
    """BEGIN IMMEDIATE, as transaction.atomic() does on this backend."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def test_a_second_writer_waits_for_the_first_and_goes_on_once_it_commits(path, wrapper):
    begin(wrapper)
    with wrapper.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    second_began, second_saw = threading.Event(), []

    def second_writer() -> None:
        other = wrapper_for(str(path))
        begin(other)
        second_began.set()
        with other.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            second_saw.append(cursor.fetchone()[0])
        other.commit()
        other.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    assert not second_began.wait(0.3), "the second writer began while the first held the lock"
    wrapper.commit()
    thread.join(10)
    assert second_began.is_set()
    assert second_saw == [1]  # it began after the first writer's commit


def test_a_writer_gives_up_with_database_is_locked_after_its_timeout(path, wrapper):
    begin(wrapper)  # left open, as in a forgotten shell
    outcome = []

    def second_writer() -> None:
        other = wrapper_for(str(path), timeout=0.2)
        try:
            begin(other)
            outcome.append("began")
        except OperationalError as error:
            outcome.append(str(error))
        finally:
            other.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    thread.join(10)
    wrapper.rollback()
    assert outcome == ["database is locked"]
