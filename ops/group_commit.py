"""Group commit: rows from many threads stored in one transaction.

A database takes one writer at a time, and every transaction pays for its lock, its BEGIN
and its COMMIT. In a surge of symptom checks, the threads of a process that are waiting to
store a row hand it to the one thread that is writing; when that thread is done, one of
the waiting threads takes all the rows handed in meanwhile and stores them in one
transaction. Each caller still returns only when its own row is committed, or raises the
error that stopped its batch (then none of the batch is stored; the callers of a batch
share the one exception object). A caller that finds no one writing stores its row at
once: nothing ever waits for a batch to fill. Callers inside a transaction of their own
must not use it: their rows would be reported stored before that transaction commits.

Plain standard library: the database work is the `write` function given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(eq=False)
class _Ticket(Generic[Item, Result]):
    item: Item
    done: bool = False
    result: Result | None = None
    error: BaseException | None = None


class GroupCommit(Generic[Item, Result]):
    def __init__(
        self, write: Callable[[list[Item]], list[Result]], *, max_batch: int = 100
    ) -> None:
        """`write` stores a batch in one transaction and returns one result per item, in
        order; if it raises, no item of the batch may be stored."""
        self._write = write
        self._max_batch = max_batch
        self._changed = threading.Condition()
        self._pending: list[_Ticket] = []
        self._writing = False

    def submit(self, item: Item) -> Result:
        """Store `item` (alone or with others'), and return its result once committed."""
        ticket: _Ticket = _Ticket(item)
        with self._changed:
            self._pending.append(ticket)
        while True:
            with self._changed:
                while self._writing and not ticket.done:
                    self._changed.wait()
                if ticket.done:
                    break
                # No one is writing and this row is not stored: write the oldest rows.
                self._writing = True
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
            self._store(batch)
        if ticket.error is not None:
            raise ticket.error
        return ticket.result

    def _store(self, batch: list[_Ticket]) -> None:
        try:
            results = self._write([ticket.item for ticket in batch])
            for ticket, result in zip(batch, results, strict=True):
                ticket.result = result
        except Exception as error:  # handed to every caller of the batch
            for ticket in batch:
                ticket.error = error
        except BaseException as error:
            # An interrupt of the writing thread is its own; the others learn that their
            # rows were not stored.
            for ticket in batch:
                ticket.error = RuntimeError("the thread storing this batch was interrupted")
                ticket.error.__cause__ = error
            raise
        finally:
            with self._changed:
                for ticket in batch:
                    ticket.done = True
                self._writing = False
                self._changed.notify_all()
