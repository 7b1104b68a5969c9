"""Django's SQLite backend, with connections kept between requests but never to a file
that is no longer the database.

Kept connections are checked before each request's first query (CONN_HEALTH_CHECKS): if
the database file was moved, deleted or replaced (a restore), the connection is closed and
a new one opens the file now at the path, as a new connection per request would. Writers
queue on SQLite's own lock (IMMEDIATE transactions, the busy timeout): a lock of our own
measured no better (docs/decisions/007-sqlite-writers.md).
"""

import contextlib
import os

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if not self.is_in_memory_db():
            # A new database file is the owner's alone (SQLite gives its -wal and -shm
            # files the same mode); otherwise the umask would let anyone read it.
            flags = os.O_CREAT | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
            with contextlib.suppress(OSError):  # SQLite then says why, as a database error
                os.close(os.open(self.settings_dict["NAME"], flags, 0o600))
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
