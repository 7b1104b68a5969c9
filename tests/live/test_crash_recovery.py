"""The server killed mid-load loses no acknowledged check and corrupts nothing."""

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from support.liveserver import ON_POSTGRES

pytestmark = pytest.mark.live


def test_sigkill_under_load_keeps_every_acknowledged_check(server):
    acknowledged: list[str] = []
    stop = threading.Event()

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(server.keep_checking, acknowledged, stop, 200) for _ in range(8)]
        deadline = time.monotonic() + 30
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
        time.sleep(0.5)
        stop.set()
        for future in futures:
            future.result(timeout=60)

    assert len(acknowledged) >= 150
    server.start()
    assert server.get("/healthz")[0] == 200
    if not ON_POSTGRES:
        with sqlite3.connect(server.sqlite_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = set(server.stored_keys())
    assert set(acknowledged) <= stored
    assert server.check_symptoms()[2]  # and it takes new checks
