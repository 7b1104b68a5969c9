"""The parts a deployment runs beside the app, started on loopback ports of their own for
the live tests and `make bench`: a redis-server, and nginx with the shipped configuration
(deploy/nginx/). Never the machine's shared Redis, nor its nginx."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_program(name: str, package: str) -> None:
    """In CI (CI=true) a missing program is a failure; elsewhere the test says why it skips."""
    import pytest  # not for `make bench`, which has only the runtime requirements

    if shutil.which(name) or Path(f"/usr/sbin/{name}").exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is missing: apt-get install {package}")
    pytest.skip(f"no {name} here: apt-get install {package}")


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


class OwnRedis:
    """A redis-server of our own on a free port, keeping nothing on disk."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def hang(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.resume()
            self.process.kill()
            self.process.wait(timeout=10)


def without_rate_limits(conf: str) -> str:
    """All the harness's traffic comes from 127.0.0.1: nginx's limits would refuse it."""
    return re.sub(r"^\s*limit_(req|conn)\w*\s[^;]*;\n", "", conf, flags=re.MULTILINE)


def loopback_site(
    site: str,
    workdir: Path,
    port: int,
    app_ports: list[int],
    down: set[int] = frozenset(),
    rate_limits: bool = False,
) -> str:
    """deploy/nginx/twitch.conf as shipped, but on a loopback port in plain HTTP, in front
    of the given app servers (those in `down` marked so), with its cache, log and snippet
    in `workdir`, and without its rate limits unless asked."""
    if not rate_limits:
        site = without_rate_limits(site)
    # Each app server gets the shipped server line's parameters (max_fails, fail_timeout).
    shipped = re.search(r"^(\s*)server 127\.0\.0\.1:8000\b([^;]*);\n", site, re.MULTILINE)
    servers = "".join(
        f"{shipped[1]}server 127.0.0.1:{p}{shipped[2]}{' down' if p in down else ''};\n"
        for p in app_ports
    )
    site = site.replace(shipped[0], servers)
    # The HTTP server only redirects to HTTPS: left out. TLS is left out too.
    redirect = re.search(r"^server \{\n(?:(?!^\}).*\n)*?\s*return 301 .*\n\}\n", site, re.MULTILINE)
    site = site.replace(redirect[0], "")
    site = re.sub(r"^\s*(listen|ssl_\w+)\s[^;]*;\n", "", site, flags=re.MULTILINE)
    site = site.replace("server {\n", f"server {{\n    listen 127.0.0.1:{port};\n")
    # The server that drops unknown names stays the default; ours answers to loopback.
    drop = re.search(r"listen 127\.0\.0\.1:\d+;\n(?=(?:(?!^\}).*\n)*?\s*return 444;)", site, re.M)
    site = site.replace(drop[0], f"listen 127.0.0.1:{port} default_server;\n", 1)
    site = re.sub(r"(server_name [^;]*);", r"\1 127.0.0.1 localhost;", site)
    site = site.replace("/var/cache/nginx/twitch", str(workdir / "cache"))
    site = site.replace("/var/log/nginx/twitch.access.log", str(workdir / "access.log"))
    site = site.replace("/var/log/nginx/twitch.error.log", str(workdir / "site-error.log"))
    return site.replace("include snippets/", f"include {workdir}/")


class Nginx:
    """nginx with deploy/nginx/ in front of one or more app servers on loopback, and
    optionally a folder of static files on a second port."""

    def __init__(
        self, app_ports: list[int], static_root: Path | None = None, rate_limits: bool = False
    ) -> None:
        # A folder of its own that nginx's workers (another user when run as root) can read.
        self.dir = Path(tempfile.mkdtemp(prefix="twitch-nginx-"))
        self.dir.chmod(0o755)
        self.port = free_port()
        self.static_port = free_port() if static_root else None
        self.access_log = self.dir / "access.log"
        self.app_ports, self.static_root = app_ports, static_root
        self.rate_limits = rate_limits
        for snippet in DEPLOY.glob("*.conf"):
            if snippet.name != "twitch.conf":
                text = snippet.read_text()
                text = text if rate_limits else without_rate_limits(text)
                (self.dir / snippet.name).write_text(text)
        self.conf = self.dir / "nginx.conf"
        self.write_conf()
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process: subprocess.Popen | None = None

    def write_conf(self, down: set[int] = frozenset()) -> None:
        site = (DEPLOY / "twitch.conf").read_text()
        site = loopback_site(
            site, self.dir, self.port, self.app_ports, down, rate_limits=self.rate_limits
        )
        temp = "\n".join(
            f"    {name}_temp_path {self.dir / name};"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        static = ""
        if self.static_root:
            static = f"server {{ listen 127.0.0.1:{self.static_port}; root {self.static_root}; }}"
        self.conf.write_text(
            f"""worker_processes auto;
pid {self.dir / "nginx.pid"};
error_log {self.dir / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; text/css css; application/javascript js; }}
{temp}
{site}
{static}
}}
"""
        )

    def mark_down(self, *ports: int) -> None:
        """Send nothing new to these app servers (none: to all again), as an operator
        does before restarting one: `down` in the upstream, then a graceful reload."""
        self.write_conf(set(ports))
        self.process.send_signal(signal.SIGHUP)
        time.sleep(1)  # the old workers finish what they were sending, then leave

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        command = [self.binary, "-p", str(self.dir), "-e", str(self.dir / "error.log")]
        subprocess.run([*command, "-t", "-c", str(self.conf)], check=True, capture_output=True)
        self.process = subprocess.Popen(
            [*command, "-c", str(self.conf), "-g", "daemon off;"], start_new_session=True
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if listening(self.port):
                return
            time.sleep(0.1)
        raise RuntimeError("nginx did not start: " + (self.dir / "error.log").read_text())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
