"""The site's Prometheus metrics (served at /metrics by ops.views.metrics).

Under gunicorn every worker is its own process: gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR before any worker starts, each worker writes its counts to files
there, and /metrics adds them up, so the figures cover every worker. Without it (`make
run`, the tests) the counts are this process's own. Labels are views, statuses, parts and
reasons: never a path, an address or an answer.
"""

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("twitch_requests", "Requests answered, by view and status.", ["view", "status"])
LATENCY = Histogram(
    "twitch_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
CHECKS = Counter(
    "twitch_checks", "Symptom-check outcomes shown, by whether they were stored and why not.",
    ["stored", "reason"],
)  # fmt: skip
PART_ERRORS = Counter(
    "twitch_part_errors", "Errors of the cache, the database or storage, by part and type.",
    ["part", "error"],
)  # fmt: skip
LIMIT_REFUSALS = Counter("twitch_rate_limit_refusals", "Requests refused by a limit.", ["scope"])


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and its content type."""
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry), CONTENT_TYPE_LATEST
