"""A real gunicorn server in production mode on loopback, on its own scratch database.

The database is the one the suite runs on: SQLite by default, PostgreSQL when
DATABASE_URL points to it (CI runs the suite both ways).
"""

import http.client
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

from support.services import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SUITE_DATABASE = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_DATABASE.startswith(("postgres://", "postgresql://"))
FORM_KEY = re.compile(rb'name="form_key" value="([0-9a-f]{32})"')
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
OUTCOME = b'data-level="self_care"'
NOT_SAVED = b'class="not-saved"'
ANSWERS = {
    "age": "16_or_over",
    "emergency": "none",
    "location": "shoulder",
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "symptoms": "none",
}


def wait_for(condition, seconds: float = 20) -> bool:
    """True as soon as `condition()` is, False if it is not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


class SiteClient:
    """A reader's requests to the site on a loopback port: an app server, or nginx."""

    def __init__(self, port: int) -> None:
        self.port = port

    def request(self, method: str, path: str, body: str = "", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read(), response
        finally:
            conn.close()

    def get(self, path: str):
        status, body, _ = self.request("GET", path)
        return status, body

    def cache_status(self, path: str) -> str:
        """nginx's X-Cache-Status for a page that must answer 200 (MISS, HIT...)."""
        status, _, response = self.request("GET", path)
        assert status == 200, (path, status)
        return response.getheader("X-Cache-Status")

    def check_symptoms(self) -> tuple[int, str, bool]:
        """Fill in the form as a browser does: (status, form key, outcome stored and shown)."""
        _, page, response = self.request("GET", "/triage/")
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        key = FORM_KEY.search(page).group(1).decode()
        token = CSRF.search(page).group(1).decode()
        return self.post_form(key, token, cookie)

    def post_form(self, key: str, token: str, cookie: str) -> tuple[int, str, bool]:
        """(status, form key, the outcome received and the check acknowledged as stored)."""
        status, page = self.post_answers(key, token, cookie)
        return status, key, status == 200 and OUTCOME in page and NOT_SAVED not in page

    def post_answers(self, key: str, token: str, cookie: str) -> tuple[int, bytes]:
        body = urlencode({"csrfmiddlewaretoken": token, "form_key": key, **ANSWERS})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        status, page, _ = self.request("POST", "/triage/", body, headers)
        return status, page

    def outcome_page(self) -> tuple[int, str, bytes]:
        """Fill in the form once: the status, form key and page of the answer."""
        _, page, response = self.request("GET", "/triage/")
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        key = FORM_KEY.search(page).group(1).decode()
        status, page = self.post_answers(key, CSRF.search(page).group(1).decode(), cookie)
        return status, key, page

    def keep_checking(self, acknowledged: list[str], stop, times: int, statuses=None) -> None:
        """One client filling in the form again and again; notes each outcome it receives
        (and in `statuses`, the status of each answer)."""
        for _ in range(times):
            if stop.is_set():
                return
            try:
                status, key, outcome = self.check_symptoms()
            except (OSError, http.client.HTTPException, AttributeError):  # server gone
                continue
            if statuses is not None:
                statuses.append(status)
            if outcome:
                acknowledged.append(key)


class LiveServer(SiteClient):
    def __init__(self, database_url: str, workdir: Path) -> None:
        super().__init__(free_port())
        self.database_url = database_url
        self.log = workdir / "gunicorn.log"
        self.process: subprocess.Popen | None = None
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))
        }
        self.env |= {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "TRIAGE_RATE_LIMIT_PER_MINUTE": "1000000",
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            # Its metrics' files in the test's own folder, gone with it.
            "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
        }
        (workdir / "metrics").mkdir(exist_ok=True)

    def manage(self, *args: str, env=None) -> str:
        """What the command printed."""
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env | (env or {}),
            check=True, capture_output=True, text=True, timeout=300,
        ).stdout  # fmt: skip

    def start(self) -> None:
        log = self.log.open("ab")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "twitchsite.wsgi"],
            cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.get("/readyz")[0] == 200:  # serving, and its database answers
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.kill()
        self.start()

    def stored_keys(self) -> list[str]:
        rows = query(self.database_url, "SELECT form_key FROM triage_submission")
        return [row[0] for row in rows]

    @property
    def sqlite_path(self) -> Path:
        return Path(urlparse(self.database_url).path)


def query(database_url: str, sql: str) -> list[tuple]:
    """The rows of `sql`, read straight from a server's database, not through Django."""
    if database_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(database_url) as conn:
            return list(conn.execute(sql))
    with sqlite3.connect(urlparse(database_url).path) as conn:
        return list(conn.execute(sql))
