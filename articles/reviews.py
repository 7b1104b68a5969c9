"""When an article's clinical review falls due. Plain Python: no database, no request."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

# The NHS website reviews its health pages at least every three years.
REVIEW_INTERVAL_YEARS = 3
# The admin and the review report warn this many days before a review falls due.
DUE_SOON_DAYS = 30


class ReviewState(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    CURRENT = "current"

    @property
    def label(self) -> str:
        return {
            ReviewState.OVERDUE: "Overdue",
            ReviewState.DUE_SOON: f"Due within {DUE_SOON_DAYS} days",
            ReviewState.CURRENT: "Not due",
        }[self]


def due_dates(
    state: ReviewState, today: date, soon_days: int = DUE_SOON_DAYS
) -> tuple[date | None, date | None]:
    """The next-review dates, first and last (None: no bound), of articles in this state:
    the one definition of the states, for an article and for a query alike."""
    soon = today + timedelta(days=soon_days)
    return {
        ReviewState.OVERDUE: (None, today - timedelta(days=1)),
        ReviewState.DUE_SOON: (today, soon),
        ReviewState.CURRENT: (soon + timedelta(days=1), None),
    }[state]


def review_state(next_review_due: date, today: date, soon_days: int = DUE_SOON_DAYS) -> ReviewState:
    for state in ReviewState:
        first, last = due_dates(state, today, soon_days)
        after_first = first is None or next_review_due >= first
        if after_first and (last is None or next_review_due <= last):
            return state
    raise AssertionError("the states cover every date")


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class ReviewDates:
    last_reviewed: date
    next_review_due: date


def signed_off_on(today: date) -> ReviewDates:
    """The review dates an article gets when a clinician signs it off today."""
    return ReviewDates(today, add_years(today, REVIEW_INTERVAL_YEARS))
