"""The production server as a reader's browser meets it, and a backup taken under load."""

import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from support.liveserver import ON_POSTGRES, ROOT, SiteClient, wait_for

pytestmark = pytest.mark.live


def test_over_https_the_server_sends_hsts_for_a_year_and_secure_cookies(server):
    _, _, response = server.request("GET", "/triage/", headers={"X-Forwarded-Proto": "https"})
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    cookie = response.getheader("Set-Cookie")
    assert "Secure" in cookie and "SameSite=Lax" in cookie


def test_plain_http_is_redirected_to_https_by_default(live_server_factory):
    server = live_server_factory()
    server.env["DJANGO_SECURE_SSL_REDIRECT"] = "1"
    server.restart()
    status, _, response = server.request("GET", "/articles/")
    assert status == 301
    assert response.getheader("Location").startswith("https://")


def test_the_access_log_has_no_client_address(server):
    server.get("/articles/")
    line = '"GET /articles/ HTTP/1.1" 200'
    for _ in range(50):  # the worker writes its log line just after answering
        log = server.log.read_text()
        if line in log:
            break
        threading.Event().wait(0.1)
    assert line in log
    assert "127.0.0.1 " not in log.replace(f"127.0.0.1:{server.port}", "")


def test_the_access_log_line_holds_the_request_id_of_the_response(server):
    _, _, response = server.request("GET", "/articles/")
    request_id = response.getheader("X-Request-ID")
    for _ in range(50):
        if f'{request_id} "GET /articles/ HTTP/1.1" 200' in server.log.read_text():
            break
        threading.Event().wait(0.1)
    assert f'{request_id} "GET /articles/ HTTP/1.1" 200' in server.log.read_text()


def test_behind_the_shipped_nginx_pages_are_kept_forms_are_not_and_no_reader_is_logged(
    server, nginx_factory
):
    nginx = nginx_factory(server)
    reader = SiteClient(nginx.port)
    cache_status = reader.cache_status
    assert [cache_status("/articles/multiple-sclerosis/") for _ in range(2)] == ["MISS", "HIT"]
    assert "HIT" not in [cache_status("/triage/") for _ in range(2)]  # each has its own token
    assert "HIT" not in [cache_status("/search/?q=twitch") for _ in range(2)]
    # nginx's request id is the app's, in both logs; neither holds an address or query.
    _, _, response = reader.request("GET", "/search/?q=tremor+zanzibar")
    request_id = response.getheader("X-Request-ID")
    assert len(request_id) == 32
    assert wait_for(lambda: request_id in server.log.read_text())
    assert wait_for(lambda: request_id in nginx.access_log.read_text())
    for log in (server.log.read_text(), nginx.access_log.read_text()):
        assert "zanzibar" not in log
        assert "127.0.0.1 " not in log.replace(f"127.0.0.1:{server.port}", "")


def test_metrics_add_up_the_requests_of_every_worker(server):
    def home_requests() -> float:
        body = server.get("/metrics")[1].decode()
        wanted = 'twitch_requests_total{status="200",view="articles:home"} '
        lines = [line for line in body.splitlines() if line.startswith(wanted)]
        return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0

    before = home_requests()
    with ThreadPoolExecutor(8) as pool:  # at once, so several workers answer
        statuses = list(pool.map(lambda _: server.get("/")[0], range(40)))
    assert statuses == [200] * 40
    assert home_requests() == before + 40


def test_the_access_log_leaves_out_search_words(server):
    server.get("/search/?q=tremor+zanzibar")
    line = '"GET /search/ HTTP/1.1" 200'
    for _ in range(50):
        log = server.log.read_text()
        if line in log:
            break
        threading.Event().wait(0.1)
    assert line in log
    assert "zanzibar" not in log


@pytest.mark.skipif(ON_POSTGRES, reason="PostgreSQL backups use pg_dump")
def test_a_backup_taken_under_load_holds_every_check_acknowledged_before_it(server, tmp_path):
    acknowledged: list[str] = []
    stop = threading.Event()

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(server.keep_checking, acknowledged, stop, 300) for _ in range(4)]
        while len(acknowledged) < 60 and not any(f.done() for f in futures):
            threading.Event().wait(0.05)
        before_backup = set(acknowledged)
        backup = tmp_path / "backup.sqlite3"
        subprocess.run(
            [sys.executable, "manage.py", "backup_database", str(backup)],
            cwd=ROOT, env=server.env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        stop.set()
        for future in futures:
            future.result(timeout=60)

    restored = tmp_path / "restored.sqlite3"
    restored.write_bytes(backup.read_bytes())
    with sqlite3.connect(restored) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT form_key FROM triage_submission")}
    assert len(before_backup) >= 60
    assert before_backup <= stored
