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
(BEGIN IMMEDIATE) first takes an exclusive flock on `<database>-writer.lock`: a waiting
writer is woken by the kernel the moment the lock is released. Writers outside this
backend (the sqlite3 shell) still meet the busy timeout as before.
"""

import fcntl
import os

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_lock: int | None = None

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

    # One writer at a time, woken at once -------------------------------------------------

    def _start_transaction_under_autocommit(self):
        self._lock_writers()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._unlock_writers()
            raise

    def _commit(self):
        try:
            super()._commit()
        finally:
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
            self._unlock_writers()
            if self._writer_lock is not None:
                os.close(self._writer_lock)
                self._writer_lock = None

    def _lock_writers(self) -> None:
        if self.is_in_memory_db():
            return
        if self._writer_lock is None:
            path = f"{self.settings_dict['NAME']}-writer.lock"
            self._writer_lock = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._writer_lock, fcntl.LOCK_EX)

    def _unlock_writers(self) -> None:
        if self._writer_lock is not None:
            fcntl.flock(self._writer_lock, fcntl.LOCK_UN)
