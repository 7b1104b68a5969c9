"""gunicorn settings for `make serve`. Each can be changed with an environment variable."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads share one process's memory; a few processes use every core and survive a crash.
# Two per core: a worker keeps the keep-alive connections it accepts (from nginx, or a
# load generator), and with one per core a core sat idle whenever one worker happened to
# accept them all (see docs/performance.md). gthread workers do not end a slow request
# at `timeout`: every wait has its own deadline instead (Redis 0.5 s, PostgreSQL 2 s to
# connect and 5 s a statement, a check's write 0.5 s); sync workers measured worse
# (docs/decisions/011-optional-parts.md). `timeout` (a stuck worker) is below nginx's 20 s.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "15"))
graceful_timeout = 20
keepalive = 5
# The app is loaded before the port is opened, and each worker is a fork of it: a server
# that is (re)starting refuses connections, so nginx sends them to another, instead of
# accepting them and holding them until its workers have loaded Django. HUP then starts
# new workers on the same code: a release is a rolling restart (docs/decisions/012).
preload_app = True

# Metrics from every worker (core/metrics.py): each writes to files in this folder
# (PROMETHEUS_MULTIPROC_DIR, or a new one for each server), emptied when it starts.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="twitch-metrics-")
    _made_metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"]
else:
    _made_metrics_dir = None


def on_starting(server) -> None:
    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink()


def child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    if _made_metrics_dir:
        shutil.rmtree(_made_metrics_dir, ignore_errors=True)


# Requests larger than these are refused before they reach Django.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Access log without client addresses or query strings (a reader's search words): time,
# request id (as in the app's log lines and X-Request-ID), method, path, protocol, status,
# size, duration.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s %({x-request-id}o)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# Its error log keeps the method and path of a failed request, not the raw request line,
# the query or the peer's address (ops/logs.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ops.logs import gunicorn_logger_class  # noqa: E402

logger_class = gunicorn_logger_class()

# Only our own reverse proxy on this machine may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: it lives at one fixed path, so two servers on one machine would clash.
control_socket_disable = True
