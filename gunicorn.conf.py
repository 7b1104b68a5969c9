"""gunicorn settings for `make serve`. Each can be changed with an environment variable."""

import os
import shutil
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one request at a time each, behind nginx (which buffers slow clients):
# gunicorn kills a worker whose request passes `timeout` and starts another, so a hung
# database or cache costs one request, never a worker for good. gthread workers do not
# enforce it (docs/decisions/011-optional-parts.md). Below nginx's proxy_read_timeout.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "15"))
graceful_timeout = 20

# Metrics from every worker (core/metrics.py): each writes to files in this folder, made
# new for each server and emptied when it stops.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="twitch-metrics-")
    _made_metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"]
else:
    _made_metrics_dir = None


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

# Only our own reverse proxy on this machine may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: it lives at one fixed path, so two servers on one machine would clash.
control_socket_disable = True
