"""The slowest article bodies a fuzz run saved or refused, printed after the run."""

import pytest

SLOWEST = pytest.StashKey[list]()


def print_slowest(terminalreporter, config) -> None:
    found = config.stash.get(SLOWEST, None)
    if found:
        terminalreporter.write_line("slowest article bodies saved or refused:")
        for seconds, length, start, outcome in found:
            terminalreporter.write_line(
                f"  {seconds * 1000:8.1f} ms  {length:>7,} characters  {outcome:7}  {start!r}"
            )
