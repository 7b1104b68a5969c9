"""Django's SQLite backend, with connections kept between requests but never to a file
that is no longer the database, and writers that queue on a lock instead of sleeping.

Opening a connection for every request cost more than the rest of a symptom-check post
(see docs/performance.md): the PRAGMAs, and a WAL checkpoint whenever the last connection
closed. Kept connections are checked before each request's first query (CONN_HEALTH_CHECKS):
if the database file was moved, deleted or replaced (a restore), the connection is
closed and a new one opens the file now at the path, as a new connection per request
would.

SQLite lets one writer in at a time. One that finds the database locked sleeps and tries
again, sleeping longer each time (1, 2, 5, ... up to 100 ms), so in a surge of symptom
checks a post could wait half a second while the lock sat free. Here every transaction
(BEGIN IMMEDIATE) first takes an exclusive flock on `<database>-writer.lock`, tried
again at most a millisecond apart, so the next writer goes on within a millisecond of
the lock's release. Like SQLite's own lock, it gives up with "database is locked" after
the connection's timeout (OPTIONS["timeout"]), so a transaction left open elsewhere (a
shell) gives readers a 503 page rather than stopping the site's threads for good.
Writers outside this backend (the sqlite3 shell) meet SQLite's busy timeout as before.
See docs/decisions/007-sqlite-writers.md.
"""

import fcntl
import os
import time
import weakref

from django.db import OperationalError
from django.db.backends.sqlite3 import base

# Seconds between tries for the writer lock: from the first to the longest.
FIRST_RETRY, LONGEST_RETRY = 0.0001, 0.001


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_lock: int | None = None
    _writer_lock_closer: weakref.finalize

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        self._file_identity = self._identity()
        return connection

    def is_usable(self) -> bool:
        if self.is_in_memory_db():
            return True
        return self._file_identity is not None and self._identity() == self._file_identity

    def _identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.settings_dict["NAME"])
        except OSError:
            return None
        return stat.st_dev, stat.st_ino

    # One writer at a time, each going on within a millisecond of the last ------------

    def _start_transaction_under_autocommit(self):
        self._lock_writers()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._unlock_writers()
            raise

    def _commit(self):
        # Kept if COMMIT fails: the transaction is still open until it is rolled back.
        super()._commit()
        self._unlock_writers()

    def _rollback(self):
        try:
            super()._rollback()
        finally:
            self._unlock_writers()

    def _close(self):
        try:
            super()._close()
        finally:
            if self._writer_lock is not None:
                self._writer_lock_closer()  # closing the file lets the lock go
                self._writer_lock = None

    def _lock_writers(self) -> None:
        if self.is_in_memory_db():
            return
        if self._writer_lock is None:
            path = f"{self.settings_dict['NAME']}-writer.lock"
            self._writer_lock = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            # Closed with the connection, or when the wrapper is dropped without closing.
            self._writer_lock_closer = weakref.finalize(self, os.close, self._writer_lock)
        timeout = self.settings_dict.get("OPTIONS", {}).get("timeout", 5)
        deadline, wait = time.monotonic() + timeout, FIRST_RETRY
        while True:
            try:
                fcntl.flock(self._writer_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError(
                        f"database is locked: another writer kept it for {timeout} s"
                    ) from None
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_RETRY)

    def _unlock_writers(self) -> None:
        if self._writer_lock is not None:
            fcntl.flock(self._writer_lock, fcntl.LOCK_UN)
