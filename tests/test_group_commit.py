"""Checks stored at the same moment share one transaction, and each caller still learns
whether its own row was stored (ops/group_commit.py)."""

import threading

import pytest

from ops.group_commit import GroupCommit

WAIT = 10  # seconds; only reached if the code under test hangs


class Recorder:
    """A write function that keeps each batch and can hold the first one back."""

    def __init__(self, fail_first: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.first_started = threading.Event()
        self.release_first = threading.Event()
        self.fail_first = fail_first

    def __call__(self, batch: list[str]) -> list[str]:
        self.batches.append(list(batch))
        if len(self.batches) == 1:
            self.first_started.set()
            assert self.release_first.wait(WAIT)
            if self.fail_first:
                raise OSError("the disk is full")
        return [f"stored {item}" for item in batch]


def submit_in_threads(group: GroupCommit, items: list[str]) -> tuple[dict, list]:
    results, threads = {}, []

    def run(item: str) -> None:
        try:
            results[item] = group.submit(item)
        except BaseException as error:  # the test looks at it
            results[item] = error

    for item in items:
        thread = threading.Thread(target=run, args=(item,), daemon=True)
        thread.start()
        threads.append(thread)
    return results, threads


def join(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(WAIT)
        assert not thread.is_alive(), "a caller never returned"


def wait_until_waiting(group: GroupCommit, count: int) -> None:
    """Until `count` rows are handed in and waiting for the writer."""
    for _ in range(WAIT * 100):
        with group._changed:
            if len(group._pending) >= count:
                return
        threading.Event().wait(0.01)
    pytest.fail(f"{count} rows were never waiting")


def test_a_row_with_no_one_else_writing_is_stored_at_once_on_its_own():
    write = Recorder()
    write.release_first.set()
    assert GroupCommit(write).submit("a") == "stored a"
    assert write.batches == [["a"]]


def test_rows_handed_in_while_a_batch_is_written_are_stored_together_next():
    write = Recorder()
    group = GroupCommit(write)
    first, first_threads = submit_in_threads(group, ["first"])
    assert write.first_started.wait(WAIT)
    others = [f"row {n}" for n in range(6)]
    results, threads = submit_in_threads(group, others)
    wait_until_waiting(group, len(others))
    write.release_first.set()
    join(first_threads + threads)
    assert write.batches[0] == ["first"]
    assert sorted(write.batches[1]) == sorted(others)
    assert len(write.batches) == 2
    assert first == {"first": "stored first"}
    assert results == {item: f"stored {item}" for item in others}


def test_a_batch_is_never_larger_than_the_limit():
    write = Recorder()
    group = GroupCommit(write, max_batch=4)
    _, first_threads = submit_in_threads(group, ["first"])
    assert write.first_started.wait(WAIT)
    results, threads = submit_in_threads(group, [f"row {n}" for n in range(10)])
    wait_until_waiting(group, 10)
    write.release_first.set()
    join(first_threads + threads)
    assert [len(batch) for batch in write.batches] == [1, 4, 4, 2]
    assert all(result.startswith("stored") for result in results.values())


def test_an_error_reaches_every_caller_of_its_batch_and_no_other():
    write = Recorder(fail_first=True)
    group = GroupCommit(write)
    first, first_threads = submit_in_threads(group, ["first"])
    assert write.first_started.wait(WAIT)
    later, threads = submit_in_threads(group, ["later"])
    wait_until_waiting(group, 1)
    write.release_first.set()
    join(first_threads + threads)
    assert isinstance(first["first"], OSError)
    assert later == {"later": "stored later"}
    # The writer is free again after a failure.
    assert group.submit("after") == "stored after"


def test_an_interrupted_writer_keeps_its_interrupt_and_the_others_learn_their_rows_failed():
    started, release = threading.Event(), threading.Event()
    batches = []

    def write(batch: list[str]) -> list[str]:
        batches.append(batch)
        if len(batches) == 1:
            started.set()
            assert release.wait(WAIT)
            return ["stored"]
        if len(batches) == 2:
            raise KeyboardInterrupt
        return ["stored"] * len(batch)

    group = GroupCommit(write)
    _, first_threads = submit_in_threads(group, ["first"])
    assert started.wait(WAIT)
    results, threads = submit_in_threads(group, ["a", "b"])
    wait_until_waiting(group, 2)
    release.set()
    join(first_threads + threads)
    # One of the two wrote the batch and was interrupted; the other was told it failed.
    interrupted = [r for r in results.values() if isinstance(r, KeyboardInterrupt)]
    told = [r for r in results.values() if isinstance(r, RuntimeError)]
    assert (len(interrupted), len(told)) == (1, 1)
    assert told[0].__cause__ is interrupted[0]
    assert group.submit("after") == "stored"
