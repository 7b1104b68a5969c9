"""A short deadline for a write the reader need not wait for (storing a check)."""

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

WRITE_DEADLINE_MS = 500


@contextlib.contextmanager
def write_deadline(ms: int = WRITE_DEADLINE_MS) -> Iterator[None]:
    """A transaction that gives up after `ms` waiting for a lock or a statement.

    SQLite: its busy timeout for this write only (the connection's own is restored).
    PostgreSQL: lock_timeout and statement_timeout for this transaction (SET LOCAL).
    Either way the write raises OperationalError past the deadline.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        kept = raw.execute("PRAGMA busy_timeout").fetchone()[0]
        raw.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            with transaction.atomic():
                yield
        finally:
            if connection.connection is raw:
                raw.execute(f"PRAGMA busy_timeout = {int(kept)}")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SET LOCAL lock_timeout = {int(ms)}; SET LOCAL statement_timeout = {int(ms)}"
                )
        yield
