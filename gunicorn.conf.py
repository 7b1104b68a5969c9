"""gunicorn settings for `make serve`. Each can be changed with an environment variable."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads share one process's memory; a few processes use every core and survive a crash.
# Two per core: a worker keeps the keep-alive connections it accepts (from nginx, or a
# load generator), and with one per core a core sat idle whenever one worker happened to
# accept them all (see docs/performance.md).
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5

# Requests larger than these are refused before they reach Django.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Access log without client addresses or query strings (a reader's search words): time,
# method, path, protocol, status, size, duration.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"

# Only our own reverse proxy on this machine may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: it lives at one fixed path, so two servers on one machine would clash.
control_socket_disable = True
