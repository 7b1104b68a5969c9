"""Parts the site can do without: the cache (pages, rate limits) and storing a check.

When one fails, the caller carries on without it (a page is rendered, a limit lets the
request through, the outcome is shown unsaved). The error is logged with its type and
message at most once a minute per part, with how many were left out, so that an outage
neither fills the disk nor goes unseen (docs/decisions/011-optional-parts.md).
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger("twitch.faults")

LOG_EVERY_SECONDS = 60.0
# After an error the part is left alone this long, so a hung Redis costs one request in
# each pause its socket timeout, rather than every request.
PAUSE_SECONDS = 2.0

T = TypeVar("T")


class Part:
    """A part that may fail: `call` runs a function on it and gives `default` on any error."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._paused_until = 0.0
        self._logged_at = -LOG_EVERY_SECONDS
        self._left_out = 0

    def forget(self) -> None:
        """As if it had never failed (between tests)."""
        with self._lock:
            self._paused_until, self._logged_at, self._left_out = 0.0, -LOG_EVERY_SECONDS, 0

    def call(self, function: Callable[[], T], default: T) -> T:
        if time.monotonic() < self._paused_until:
            return default
        try:
            return function()
        except Exception as error:  # any failure of the part, never the reader's problem
            self.failed(error)
            return default

    def failed(self, error: BaseException, *, pause: bool = True) -> None:
        """Note a swallowed error: paused for a moment, counted, logged now and then."""
        from core import metrics

        metrics.PART_ERRORS.labels(self.name, type(error).__name__).inc()
        now = time.monotonic()
        with self._lock:
            if pause:
                self._paused_until = now + PAUSE_SECONDS
            if now - self._logged_at < LOG_EVERY_SECONDS:
                self._left_out += 1
                return
            self._logged_at, left_out, self._left_out = now, self._left_out, 0
        # The first line only: PostgreSQL's DETAIL lines may quote a row's values.
        message = next(iter(str(error).splitlines()), "")
        log.warning(
            "%s failed, carrying on without it: %s: %s (%d more since the last line)",
            self.name, type(error).__name__, message, left_out,
        )  # fmt: skip


def database_reason(error: BaseException) -> str:
    """Why a write failed, in a word for the metrics: full, timeout or unavailable."""
    message = str(error).lower()
    if "full" in message or "no space" in message:  # SQLite's and PostgreSQL's words
        return "full"
    if "locked" in message or "timeout" in message:
        return "timeout"
    return "unavailable"


PAGE_CACHE = Part("page cache")
LIMIT_STORE = Part("rate-limit store")
CHECK_STORAGE = Part("symptom check storage")
DATABASE = Part("database")  # a page answered 503 (ops.middleware)
PARTS = (PAGE_CACHE, LIMIT_STORE, CHECK_STORAGE, DATABASE)
