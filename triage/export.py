"""Submissions as CSV, for the admin action and manage.py export_submissions."""

import csv
from collections.abc import Iterable
from typing import TextIO

from triage.models import Submission
from triage.rules import QUESTIONS

HEADER = ["created_hour", "level", "reason_codes", "rules_version"] + [q.name for q in QUESTIONS]


def write_csv(submissions: Iterable[Submission], out: TextIO) -> int:
    """Write one row per submission (choice values joined by '|'); return how many."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    count = 0
    for submission in submissions:
        answers = submission.answers
        cells = []
        for question in QUESTIONS:
            value = answers.get(question.name, [] if question.multiple else "")
            cells.append("|".join(value) if isinstance(value, list) else value)
        writer.writerow(
            [
                submission.created_hour.isoformat(),
                submission.level,
                "|".join(submission.reason_codes),
                submission.rules_version,
                *cells,
            ]
        )
        count += 1
    return count
