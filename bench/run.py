"""`make bench`: the site under load, side by side with the cost of the stack itself.

Builds two scratch databases, one with the 4 shipped articles and one with 5,000 more
(manage.py generate_articles): SQLite files in a temporary folder, or PostgreSQL databases
twitch_bench_few and twitch_bench_many on the server DATABASE_URL names. Starts gunicorn in
production mode (gunicorn.conf.py, as `make serve`) on loopback for each, and nginx with
deploy/nginx/twitch-cache.conf in front of the first, then loads with wrk:

- reference: the article's HTML as a static file, served by the same gunicorn (WhiteNoise)
- the article page, the home page, the A to Z list
- searches, a different one each time (so none comes from the page cache), under load and
  from one reader at a time
- valid symptom-check posts (CSRF token, a new form key each), and the rows stored
- the article through nginx's cache, beside nginx serving the same bytes as a static file
- all of the pages again on the server with 5,000 articles: growth
- symptom-check posts at a constant rate, open loop (bench/constant_rate.py): p50, p99 and
  errors from each post's scheduled time
- every page uncached, on 5,000 articles (bench/uncached.py): what the first reader after
  an edit waits for
- the article page on a server whose Redis (one of its own) works, hangs and is gone
- readers filling in the symptom check through a reload: gunicorn's HUP, and the README's
  rolling restart of two app servers behind nginx

Every scenario runs once per round, in turn, for several rounds; ratios are taken within
a round (a few seconds apart) and the medians over the rounds are shown, so that a burst
of other work on the machine moves one round rather than one scenario. Last, an edit in
the admin: how long until a reader sees it, from gunicorn and through nginx.

Prints a table and writes JSON (BENCH_OUTPUT, default bench/results/latest-<db>.json).
Settings: BENCH_SECONDS (4 per round), BENCH_ROUNDS (5), BENCH_CONNECTIONS (16),
BENCH_THREADS (2), BENCH_ARTICLES (5000), BENCH_SKIP_EDIT=1 to skip the edit (~1 minute);
BENCH_CONSTANT_RATE (200 posts/s), BENCH_CONSTANT_SECONDS (20), BENCH_CONSTANT_CONNECTIONS (24);
BENCH_FAULT_SECONDS (3 per Redis state); GUNICORN_WORKERS, GUNICORN_THREADS and
GUNICORN_TIMEOUT as for `make serve`. Needs wrk, nginx and redis-server (`make bench`
installs them from Debian's packages).
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from constant_rate import constant_rate

ROOT = Path(__file__).resolve().parents[1]
# nginx, Redis and the admin as the live tests run them (tests/support/).
sys.path.insert(0, str(ROOT / "tests"))
from support.admin_client import Browser  # noqa: E402
from support.liveserver import SiteClient  # noqa: E402
from support.services import Nginx, OwnRedis, free_port  # noqa: E402

BIN = Path(sys.executable).parent
WRK_SCRIPTS = ROOT / "bench" / "wrk"
# A file of our own inside STATIC_ROOT, removed afterwards.
REFERENCE_DIR = ROOT / "staticfiles" / "bench-reference"

SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WARMUP_SECONDS = 1
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
MANY_ARTICLES = int(os.environ.get("BENCH_ARTICLES", "5000"))
CONSTANT = {
    "rate": float(os.environ.get("BENCH_CONSTANT_RATE", "200")),
    "seconds": float(os.environ.get("BENCH_CONSTANT_SECONDS", "20")),
    "connections": int(os.environ.get("BENCH_CONSTANT_CONNECTIONS", "24")),
}
ARTICLE = "/articles/multiple-sclerosis/"
REFERENCE_PATH = "/static/bench-reference/article.html"
PUBLISHED = "SELECT COUNT(*) FROM articles_article WHERE status = 'published'"
STORED = "SELECT COUNT(*) FROM triage_submission"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
EDIT_MARK = "Edited during the benchmark"
LIFETIME = (
    "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS + settings.PAGE_MAX_AGE)"
)


def request(port: int, method: str, path: str, body: str = "", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode(), response
    finally:
        conn.close()


# The database ---------------------------------------------------------------------------


class ScratchDatabase:
    """SQLite in the scratch folder, or a PostgreSQL database of our own (twitch_bench_*)
    on the server DATABASE_URL names: never the database you work with."""

    def __init__(self, name: str, workdir: Path) -> None:
        given = os.environ.get("DATABASE_URL", "")
        self.postgres = given.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            self.name = f"twitch_bench_{name}"
            self.admin_url = urlparse(given)._replace(path="/postgres").geturl()
            self.url = urlparse(given)._replace(path=f"/{self.name}").geturl()
            self.label = "PostgreSQL"
        else:
            self.path = workdir / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"
            self.label = "SQLite"

    def create(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def count(self, sql: str) -> int:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql).fetchone()[0]
        with sqlite3.connect(self.path) as conn:
            return conn.execute(sql).fetchone()[0]

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)


# The app server --------------------------------------------------------------------------


class Site:
    """gunicorn in production mode (gunicorn.conf.py, as `make serve`) on a loopback port."""

    def __init__(self, database: ScratchDatabase, workdir: Path, name: str) -> None:
        self.database = database
        self.port = free_port()
        self.log = workdir / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None
        # gunicorn.conf.py's defaults, as `make serve`, unless GUNICORN_WORKERS or
        # GUNICORN_TIMEOUT say otherwise.
        keep = {"GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_TIMEOUT"}
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k in keep or not k.startswith(("DJANGO_", "GUNICORN_"))
        }
        self.env |= {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback: no redirect to HTTPS.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            # All posts come from one address here; the limit is for people, not wrk.
            "TRIAGE_RATE_LIMIT_PER_MINUTE": "1000000000",
            "DATABASE_URL": database.url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }

    def manage(self, *args: str, env=None) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env | (env or {}),
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
        return done.stdout

    def start(self) -> None:
        log = self.log.open("ab")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "twitchsite.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.port, "GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def get(self, path: str) -> str:
        status, body, _ = request(self.port, "GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return body


# wrk -----------------------------------------------------------------------------------


def wrk(url: str, script="report.lua", args=(), seconds=SECONDS, connections=CONNECTIONS):
    threads = min(THREADS, connections)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "-s", str(WRK_SCRIPTS / script), url,
    ]  # fmt: skip
    if args:
        command += ["--", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
    return json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))


def cpu_seconds(group: int) -> float:
    """CPU time used so far by a process group (a server and its workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    """One wrk run of one scenario."""

    requests_per_second: float
    median_ms: float
    p99_ms: float
    errors: int
    server_cpu_ms: float = 0.0  # CPU time of the server, all its processes, per request
    posts: dict | None = None  # triage: sent, acknowledged, stored


@dataclass
class Scenario:
    """One line of the table: a URL on a server, and how wrk loads it."""

    key: str
    name: str
    phase: str
    port: int
    path: str
    server_group: int  # process group whose CPU time is counted
    script: str = "report.lua"
    connections: int = CONNECTIONS
    site: Site | None = None  # for triage posts: the site and its database
    rounds: list[Round] = field(default_factory=list)

    def run(self) -> None:
        url = f"http://127.0.0.1:{self.port}{self.path}"
        if not self.rounds and self.script != "triage.lua":
            wrk(url, self.script, seconds=WARMUP_SECONDS, connections=self.connections)
        cpu_before = cpu_seconds(self.server_group)
        if self.script == "triage.lua":
            round_, requests = self.post_forms(url)
        else:
            figures = wrk(url, self.script, connections=self.connections)
            requests = figures["requests"]
            round_ = round_of(figures, requests / (figures["duration_us"] / 1e6))
        used = cpu_seconds(self.server_group) - cpu_before
        round_.server_cpu_ms = round(used * 1000 / max(requests, 1), 3)
        self.rounds.append(round_)

    def post_forms(self, url: str) -> tuple[Round, int]:
        database = self.site.database
        _, page, response = request(self.port, "GET", "/triage/")
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
        token = CSRF.search(page).group(1)
        before = database.count(STORED)
        # Start on a whole second; posts stop a second before wrk does (see triage.lua).
        time.sleep(1 - time.time() % 1 + 0.02)
        start = int(time.time())
        args = (cookie, token, str(secrets.randbelow(2**31)), str(start + SECONDS - 1))
        figures = wrk(url, self.script, args)
        time.sleep(0.5)
        stored = database.count(STORED) - before
        posting_seconds = SECONDS - 1
        round_ = round_of(figures, figures["acknowledged"] / posting_seconds)
        round_.posts = {
            "sent": figures["sent"],
            "acknowledged": figures["acknowledged"],
            "other_answers": figures["not_acknowledged"],
            "rows_stored": stored,
            "posting_seconds": posting_seconds,
        }
        return round_, figures["acknowledged"]

    def median(self, name: str) -> float:
        return statistics.median(getattr(r, name) for r in self.rounds)

    def summary(self) -> dict:
        summary = {
            "name": self.name,
            "phase": self.phase,
            "url": self.path,
            "requests_per_second": round(self.median("requests_per_second"), 1),
            "median_ms": round(self.median("median_ms"), 2),
            "p99_ms": round(self.median("p99_ms"), 2),
            "errors": sum(r.errors for r in self.rounds),
            "server_cpu_ms_per_request": round(self.median("server_cpu_ms"), 3),
            "rounds": [asdict(r) for r in self.rounds],
        }
        if self.script == "triage.lua":
            summary["posts"] = {
                name: sum(r.posts[name] for r in self.rounds) for name in self.rounds[0].posts
            }
        return summary


def round_of(figures: dict, rate: float) -> Round:
    errors = sum(figures[k] for k in figures if k.endswith("_errors") or k == "timeouts")
    return Round(
        requests_per_second=round(rate, 1),
        median_ms=round(figures["p50_us"] / 1000, 2),
        p99_ms=round(figures["p99_us"] / 1000, 2),
        errors=errors,
    )


def ratio(a: Scenario, b: Scenario) -> float:
    """a's throughput over b's, round by round (run a few seconds apart), then the median."""
    return round(
        statistics.median(
            x.requests_per_second / y.requests_per_second
            for x, y in zip(a.rounds, b.rounds, strict=True)
        ),
        3,
    )


def spread(a: Scenario) -> float:
    """p99 over median latency, round by round, then the median."""
    return round(statistics.median(r.p99_ms / r.median_ms for r in a.rounds), 2)


# An edit in the admin --------------------------------------------------------------------


def edit_and_watch(site: Site, nginx: Nginx) -> dict:
    """Change the article in the admin; seconds until a reader sees it, without and with
    nginx (which revalidates its copy once the page's max-age is over)."""
    password = secrets.token_urlsafe(20)
    site.manage(
        "createsuperuser", "--noinput", "--username", "bench", "--email", "bench@example.org",
        env={"DJANGO_SUPERUSER_PASSWORD": password},
    )  # fmt: skip
    nginx_url = nginx.url(ARTICLE)
    wrk(nginx_url, seconds=1)  # nginx and the app hold the page
    code = site.manage("addstatictoken", "bench").strip()  # production asks for a code
    browser = Browser(site.port)
    status = browser.log_in("bench", password, code)
    assert status == 302, f"admin login answered {status}"
    article_id = site.database.count(
        "SELECT id FROM articles_article WHERE slug = 'multiple-sclerosis'"
    )
    status, page = browser.edit_article(article_id, f"{EDIT_MARK}.")
    assert status == 302, f"the admin refused the edit ({status}): {page[:500]}"
    saved = time.monotonic()
    seen: dict[str, float | None] = {"direct": None, "nginx": None}
    # The lifetime the README states: the site's own page cache, then the page's max-age.
    lifetime = int(site.manage("shell", "-c", LIFETIME).split()[-1])
    limit = lifetime + 5
    while time.monotonic() - saved < limit and None in seen.values():
        for name, port in (("direct", site.port), ("nginx", nginx.port)):
            if seen[name] is None and EDIT_MARK in request(port, "GET", ARTICLE)[1]:
                seen[name] = round(time.monotonic() - saved, 1)
        time.sleep(0.5)
    return {"seconds_until_seen": seen, "stated_lifetime": lifetime, "gave_up_after": limit}


# The run -------------------------------------------------------------------------------


def page_scenarios(site: Site, phase: str, suffix: str) -> list[Scenario]:
    group, port = site.process.pid, site.port
    return [
        Scenario(
            f"reference{suffix}", "reference (static file)", phase, port, REFERENCE_PATH, group
        ),
        Scenario(f"article{suffix}", "article", phase, port, ARTICLE, group),
        Scenario(f"home{suffix}", "home", phase, port, "/", group),
        Scenario(f"a_to_z{suffix}", "A to Z", phase, port, "/articles/", group),
        Scenario(
            f"search{suffix}", "search, a new one each time", phase, port, "/search/", group,
            "search.lua",
        ),
        Scenario(
            f"search_alone{suffix}", "search, one reader", phase, port, "/search/", group,
            "search.lua", 1,
        ),
    ]  # fmt: skip


def main() -> int:
    if SECONDS < 2:
        sys.exit("BENCH_SECONDS must be 2 or more: symptom checks are posted for all but the last")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs it (Debian: apt-get install wrk nginx)")
    workdir = Path(tempfile.mkdtemp(prefix="twitch-bench-"))
    started, load_at_start = time.time(), os.getloadavg()
    few_db, many_db = ScratchDatabase("few", workdir), ScratchDatabase("many", workdir)
    few, many = Site(few_db, workdir, "few"), Site(many_db, workdir, "many")
    nginx = None
    print(f"Scratch folder {workdir}; databases: {few_db.label} (scratch)", flush=True)
    if load_at_start[0] > 1:
        print(
            f"Note: the load average is {load_at_start[0]:.1f} before starting: other work"
            " on this machine makes the figures noisier.",
            flush=True,
        )
    try:
        for site in (few, many):
            site.database.create()
            site.manage("release")
        few.manage("collectstatic", "--noinput", "--verbosity", "0")
        print(f"== generating {MANY_ARTICLES} synthetic articles", flush=True)
        many.manage("generate_articles", str(MANY_ARTICLES), "--force")
        # The reference: the article page's own bytes, as a static file.
        few.start()
        page = few.get(ARTICLE)
        few.stop()
        REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
        (REFERENCE_DIR / "article.html").write_text(page)
        few.start()  # WhiteNoise finds static files when it starts
        many.start()
        static = workdir / "static"
        static.mkdir()
        (static / "article.html").write_text(page)
        for folder in (workdir, static):
            folder.chmod(0o755)  # nginx's workers may run as another user
        nginx = Nginx([few.port], static_root=static)
        nginx.start()

        counts = {"few": few_db.count(PUBLISHED), "many": many_db.count(PUBLISHED)}
        few_phase, many_phase = f"{counts['few']} articles", f"{counts['many']} articles"
        scenarios = [
            *page_scenarios(few, few_phase, ""),
            Scenario(
                "triage", "triage posts", few_phase, few.port, "/triage/", few.process.pid,
                "triage.lua", site=few,
            ),
            *page_scenarios(many, many_phase, "_many"),
            Scenario(
                "nginx_cache", "nginx cache (article)", "nginx", nginx.port, ARTICLE,
                nginx.process.pid,
            ),
            Scenario(
                "nginx_static", "nginx static file", "nginx", nginx.static_port,
                "/article.html", nginx.process.pid,
            ),
        ]  # fmt: skip
        for number in range(1, ROUNDS + 1):
            print(f"== round {number} of {ROUNDS}", flush=True)
            for scenario in scenarios:
                scenario.run()

        print(f"== {CONSTANT['rate']:.0f} symptom-check posts a second, open loop", flush=True)
        steady = post_at_a_constant_rate(few)
        print("== every page uncached", flush=True)
        uncached = json.loads(many.manage("shell", "-c", UNCACHED).strip().splitlines()[-1])

        print("== the article page while Redis works, hangs and is gone", flush=True)
        faults = with_redis_failing(few_db, workdir)

        print("== a reload: gunicorn's HUP, and a rolling restart behind nginx", flush=True)
        reloaded = reloads(few_db, workdir)

        edit = None
        if os.environ.get("BENCH_SKIP_EDIT") != "1":
            print("== an edit in the admin (seen within about a minute)", flush=True)
            edit = edit_and_watch(few, nginx)
    finally:
        if nginx:
            nginx.stop()
        for site in (few, many):
            site.stop()
            site.database.drop()
        shutil.rmtree(REFERENCE_DIR, ignore_errors=True)

    report = build_report({s.key: s for s in scenarios}, counts, edit, few_db.label)
    report["constant_rate"] = steady
    report["uncached"] = uncached
    report["redis_failing"] = faults
    report["reloads"] = reloaded
    rolling = reloaded["rolling_restart"]
    report["checks"] |= {
        "constant-rate posts: no errors, a row for each": steady["errors"] == 0
        and steady["rows_stored"] == steady["posts"],
        f"every page uncached under 10 ms with {counts['many']} articles": all(
            row["median_ms"] < 10 for row in uncached["pages"]
        ),
        "a sitemap request uncached under 50 ms": uncached["sitemap_ms"] < 50,
        "a rolling restart: no errors, no reader waits over 1 s": rolling["errors"] == 0
        and rolling["longest_ms"] < 1000,
        "with Redis hung or gone, no errors and p99 under 5 s": all(
            faults[state]["errors"] == 0 and faults[state]["p99_ms"] < 5000
            for state in ("hung", "gone")
        ),
    }
    report["seconds_taken"] = round(time.time() - started)
    report["machine"]["load_average_at_start"] = [round(x, 2) for x in load_at_start]
    print_report(report)
    default = ROOT / "bench" / "results" / f"latest-{few_db.label.lower()}.json"
    output = Path(os.environ.get("BENCH_OUTPUT") or default)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nFigures written to {output}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


UNCACHED = "import runpy; runpy.run_path('bench/uncached.py', run_name='__main__')"
FAULT_SECONDS = int(os.environ.get("BENCH_FAULT_SECONDS", "3"))


def with_redis_failing(database: ScratchDatabase, workdir: Path) -> dict:
    """The article page through a server on a Redis of its own that works, hangs
    (SIGSTOP) and is gone: throughput, latency and errors in each state."""
    redis = OwnRedis(workdir)
    redis.start()
    site = Site(database, workdir, "faults")
    site.env["REDIS_URL"] = redis.url
    figures = {}
    try:
        site.start()
        for state in ("working", "hung", "gone"):
            if state == "hung":
                redis.hang()
            elif state == "gone":
                redis.stop()
            got = wrk(f"http://127.0.0.1:{site.port}{ARTICLE}", seconds=FAULT_SECONDS)
            errors = sum(got[k] for k in got if k.endswith("_errors") or k == "timeouts")
            figures[state] = {
                "requests_per_second": round(got["requests"] / (got["duration_us"] / 1e6)),
                "p50_ms": round(got["p50_us"] / 1000, 2),
                "p99_ms": round(got["p99_us"] / 1000, 2),
                "errors": errors,
            }
    finally:
        redis.stop()
        site.stop()
    return figures


RELOAD_READERS = 4


def under_steady_load(port: int, action) -> dict:
    """Readers filling in the symptom check (a GET and a POST each, ten a second each)
    through `port` while `action()` runs: the longest any of them waited, and errors."""
    records: list[tuple[float, bool]] = []
    stop = threading.Event()

    def reader() -> None:
        client = SiteClient(port)
        while not stop.is_set():
            started = time.monotonic()
            try:
                acknowledged = client.check_symptoms()[2]
            except (OSError, http.client.HTTPException, AttributeError):
                acknowledged = False
            records.append((time.monotonic() - started, acknowledged))
            time.sleep(0.1)

    threads = [threading.Thread(target=reader) for _ in range(RELOAD_READERS)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    started = time.monotonic()
    try:
        action()
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    waits = sorted(seconds for seconds, _ in records)
    return {
        "checks": len(records),
        "errors": sum(not ok for _, ok in records),
        "p50_ms": round(statistics.median(waits) * 1000, 1),
        "longest_ms": round(waits[-1] * 1000, 1),
        "took_s": round(time.monotonic() - started, 1),
    }


def reloads(database: ScratchDatabase, workdir: Path) -> dict:
    """A new release served without a stall? gunicorn's own reload (HUP: new workers,
    the old ones stopped gracefully), and the README's rolling restart of two app servers
    behind nginx (deploy/nginx/), one at a time."""
    one = Site(database, workdir, "reload")
    a, b = Site(database, workdir, "rolling-a"), Site(database, workdir, "rolling-b")
    b.env["DJANGO_SECRET_KEY"] = a.env["DJANGO_SECRET_KEY"]  # one release: one key
    nginx = Nginx([a.port, b.port])
    figures = {}
    try:
        one.start()

        def hup() -> None:
            os.kill(one.process.pid, signal.SIGHUP)
            time.sleep(FAULT_SECONDS)

        figures["hup"] = under_steady_load(one.port, hup)
        one.stop()
        a.start()
        b.start()
        nginx.start()

        def rolling_restart() -> None:
            for site in (a, b):
                nginx.mark_down(site.port)
                site.process.terminate()  # gunicorn's graceful stop: requests finish
                site.process.wait(timeout=60)
                site.start()  # ready when /readyz answers
                nginx.mark_down()

        figures["rolling_restart"] = under_steady_load(nginx.port, rolling_restart)
    finally:
        nginx.stop()
        for site in (one, a, b):
            site.stop()
    return figures


def post_at_a_constant_rate(site: Site) -> dict:
    _, page, response = request(site.port, "GET", "/triage/")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = CSRF.search(page).group(1)
    before = site.database.count(STORED)
    figures = constant_rate(site.port, cookie, token, **CONSTANT)
    time.sleep(0.5)
    return figures | {"rows_stored": site.database.count(STORED) - before}


def build_report(s: dict[str, Scenario], counts: dict, edit: dict | None, label: str) -> dict:
    few, many = counts["few"], counts["many"]
    bases = {"reference": s["reference"], "reference_many": s["reference_many"]}
    rows = []
    for key, scenario in s.items():
        base = (
            s["nginx_static"]
            if key.startswith("nginx")
            else bases["reference_many" if key.endswith("_many") else "reference"]
        )
        rows.append(
            scenario.summary() | {"ratio": ratio(scenario, base), "spread": spread(scenario)}
        )
    pages = ("reference", "article", "home", "a_to_z", "search", "search_alone")
    growth = {key: ratio(s[f"{key}_many"], s[key]) for key in pages}
    posts = s["triage"].summary()["posts"]
    checks = {
        "article >= 80% of the reference": ratio(s["article"], s["reference"]) >= 0.80,
        "home >= 80% of the reference": ratio(s["home"], s["reference"]) >= 0.80,
        "article p99 <= 4 x median": spread(s["article"]) <= 4,
        "home p99 <= 4 x median": spread(s["home"]) <= 4,
        "triage posts >= 30% of the article": ratio(s["triage"], s["article"]) >= 0.30,
        "triage posts: no errors": s["triage"].summary()["errors"] == 0
        and posts["other_answers"] == 0,
        "triage posts: rows stored == acknowledged": posts["rows_stored"] == posts["acknowledged"],
        f"article with {many} articles >= 90% of with {few}": growth["article"] >= 0.90,
        f"home with {many} articles >= 90% of with {few}": growth["home"] >= 0.90,
        f"search median < 50 ms with {many} articles (one reader)": s["search_alone_many"].median(
            "median_ms"
        )
        < 50,
        f"search median < 50 ms with {many} articles (16 connections)": s["search_many"].median(
            "median_ms"
        )
        < 50,
        "nginx cache >= 50% of nginx static": ratio(s["nginx_cache"], s["nginx_static"]) >= 0.50,
    }
    if edit:
        seen, lifetime = edit["seconds_until_seen"]["nginx"], edit["stated_lifetime"]
        checks[f"an edit seen through nginx within {lifetime} s"] = (
            seen is not None and seen <= lifetime
        )
    return {
        "database": label,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "wrk": {
            "threads": THREADS,
            "connections": CONNECTIONS,
            "seconds_per_round": SECONDS,
            "rounds": ROUNDS,
        },
        "gunicorn": {
            "worker_class": "gthread",
            "workers": os.environ.get("GUNICORN_WORKERS", "default: two per core"),
            "threads": os.environ.get("GUNICORN_THREADS", "default: 4"),
        },
        "triage_rate_limit_per_minute": "raised to 1000000000 for the benchmark",
        "articles": counts,
        "results": rows,
        "growth": growth,
        "triage_vs_article": ratio(s["triage"], s["article"]),
        "edit": edit,
        "checks": checks,
    }


def print_report(report: dict) -> None:
    w, g = report["wrk"], report["gunicorn"]
    print(
        f"\nTwitch benchmark, {report['database']}: wrk -t{w['threads']} -c{w['connections']},"
        f" {w['rounds']} interleaved rounds of {w['seconds_per_round']} s, medians shown;"
        f" {report['machine']['cpus']} CPUs shared by wrk, gunicorn and nginx;"
        f" gunicorn {g['worker_class']} workers {g['workers']}, threads {g['threads']}"
    )
    header = (
        f"{'scenario':<30}{'req/s':>8}{'median ms':>11}{'p99 ms':>9}{'errors':>8}"
        f"{'ratio':>7}{'server CPU ms/req':>19}"
    )
    phase = None
    for row in report["results"]:
        if row["phase"] != phase:
            phase = row["phase"]
            print(f"\n{phase}\n{header}\n{'-' * len(header)}")
        print(
            f"{row['name']:<30}{row['requests_per_second']:>8.0f}{row['median_ms']:>11.2f}"
            f"{row['p99_ms']:>9.2f}{row['errors']:>8}{row['ratio']:>7.2f}"
            f"{row['server_cpu_ms_per_request']:>19.3f}"
        )
    print(
        "\nratio: throughput over the reference (the same gunicorn and WhiteNoise serving the"
        " article's HTML as a file) in the same round; nginx rows: over nginx's static file."
    )
    posts = next(r for r in report["results"] if r["name"] == "triage posts")["posts"]
    print(
        f"triage posts: {report['triage_vs_article']:.2f} of the article's throughput;"
        f" {posts['acknowledged']} outcome pages received, {posts['rows_stored']} rows stored,"
        f" {posts['other_answers']} other answers"
    )
    growth = ", ".join(f"{k} {v:.2f}" for k, v in report["growth"].items())
    counts = report["articles"]
    print(f"growth (throughput with {counts['many']} over with {counts['few']} articles): {growth}")
    if report["edit"]:
        seen = report["edit"]["seconds_until_seen"]
        print(
            f"an edit in the admin was seen after {seen['direct']} s from gunicorn and"
            f" {seen['nginx']} s through nginx (stated lifetime"
            f" {report['edit']['stated_lifetime']} s)"
        )
    c = report["constant_rate"]
    print(
        f"\nconstant rate: {c['rate_per_second']:.0f} symptom-check posts a second for"
        f" {c['seconds']:.0f} s on {c['connections']} connections, open loop: p50"
        f" {c['p50_ms']} ms, p99 {c['p99_ms']} ms, max {c['max_ms']} ms, {c['errors']} errors,"
        f" {c['rows_stored']} of {c['posts']} rows stored"
    )
    u = report["uncached"]
    pages = ", ".join(f"{row['page']} {row['median_ms']} ms" for row in u["pages"])
    print(
        f"uncached, {u['articles']} articles (median of {u['repeats']}): {pages};"
        f" sitemap {u['sitemap_ms']} ms ({u['sitemap_kb']} KB)"
    )
    states = "; ".join(
        f"{state}: {f['requests_per_second']} req/s, p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms,"
        f" {f['errors']} errors"
        for state, f in report["redis_failing"].items()
    )
    print(f"the article page with Redis {states}")
    for name, label in (("hup", "gunicorn's HUP"), ("rolling_restart", "a rolling restart")):
        r = report["reloads"][name]
        print(
            f"{label} under {RELOAD_READERS} readers: {r['checks']} checks over {r['took_s']} s,"
            f" {r['errors']} errors, p50 {r['p50_ms']} ms, longest {r['longest_ms']} ms"
        )
    print("\ntargets:")
    for name, met in report["checks"].items():
        print(f"  {'met    ' if met else 'NOT met'}  {name}")


if __name__ == "__main__":
    sys.exit(main())
