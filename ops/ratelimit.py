"""A fixed-window rate limit kept only in the cache.

The client key is a salted hash of the client address, the scope and the window,
so the cache never holds an address and the key is useless once the window ends.
Nothing here touches the database. When the cache fails the limit lets the request
through: the error is logged (without the key) and counted (core.faults).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from core import metrics
from core.faults import LIMIT_STORE

LOOPBACK = {"127.0.0.1", "::1"}


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only as far as our own proxies.

    With no proxy count set, a proxy on this machine (nginx in front of gunicorn) is
    trusted for one hop: no one else can make a request come from loopback.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies and request.META.get("REMOTE_ADDR") in LOOPBACK:
        proxies = 1
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def count_hit_is_past_limit(scope: str, identity: str, *, limit: int, window: int) -> bool:
    """Count one hit for `identity` in `scope`; True when it is past `limit` in this window."""
    window_index = int(time.time() // window)
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}|{scope}|{window_index}|{identity}".encode()
    ).hexdigest()
    key = f"ratelimit:{scope}:{digest}"

    def count() -> int:
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            return 1

    if LIMIT_STORE.call(count, 0) <= limit:
        return False
    metrics.LIMIT_REFUSALS.labels(scope).inc()
    return True
