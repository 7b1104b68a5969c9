"""One limit policy for the whole site (decision record 003).

Each scope (settings.RATE_LIMITS) allows so many hits per client in a fixed window. The
counts live in one store that every worker shares: Redis when REDIS_URL is set, or else
the database (ops.RateLimitCount), never a process's own memory. A key is a salted hash
of the scope, the window and the client, so no store holds an address, and a key is
useless once its window ends. When the store fails the limit lets the request through:
the error is logged (without the key) and counted (core.faults). A client is its address
as `ipaddress` reads it: an IPv4 address, or an IPv6 address's /64 (one subscriber's
whole network), so that spellings of one address, or addresses of one network, count
together.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest

from core import metrics
from core.database import write_deadline
from core.faults import LIMIT_STORE
from ops.models import RateLimitCount

LOOPBACK = {"127.0.0.1", "::1"}
# A unix-socket peer (REMOTE_ADDR empty) is a proxy on this machine, as loopback is.
LOCAL_PEERS = LOOPBACK | {""}
# Counting a hit waits at most this long for the database's write lock.
DEADLINE_MS = 200


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only as far as our own proxies.

    With no proxy count set, a proxy on this machine (nginx in front of gunicorn, on
    loopback or a unix socket) is trusted for one hop: no one else can reach us there.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies and request.META.get("REMOTE_ADDR", "") in LOCAL_PEERS:
        proxies = 1
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def network_of(address: str) -> str:
    """The client an address stands for: itself (IPv4), or its /64 (IPv6)."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return "unknown"  # only a proxy of ours sets the header: not a reader's doing
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped  # ::ffff:192.0.2.1 is 192.0.2.1
    if ip.version == 6:
        return str(ipaddress.ip_network((ip, 64), strict=False))
    return str(ip)


def client(request: HttpRequest) -> str:
    return network_of(client_address(request))


def seconds_left(scope: str) -> int:
    """Until the scope's current window ends: a refused client's Retry-After."""
    window = settings.RATE_LIMITS[scope]["window"]
    return max(1, window - int(time.time()) % window)


def count_hit_is_past_limit(scope: str, identity: str) -> bool:
    """Count one hit for `identity` in `scope`; True when it is past the scope's limit."""
    if _count(scope, identity, 1) <= settings.RATE_LIMITS[scope]["limit"]:
        return False
    metrics.LIMIT_REFUSALS.labels(scope).inc()
    return True


def take_back_hit(scope: str, identity: str) -> None:
    """Uncount a hit counted before its outcome was known (a login that worked)."""
    _count(scope, identity, -1)


def is_past_limit(scope: str, identity: str) -> bool:
    """Whether `identity` has used up its hits in `scope`, without counting one."""
    if hits(scope, identity) < settings.RATE_LIMITS[scope]["limit"]:
        return False
    metrics.LIMIT_REFUSALS.labels(scope).inc()
    return True


def hits(scope: str, identity: str) -> int:
    return _count(scope, identity, 0)


def _count(scope: str, identity: str, change: int) -> int:
    """Add `change` (1, 0 or -1) to the count; the count after it."""
    window = settings.RATE_LIMITS[scope]["window"]
    index = int(time.time() // window)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{scope}|{index}|{identity}".encode())
    if settings.REDIS_URL:
        key = f"ratelimit:{scope}:{digest.hexdigest()}"
        return LIMIT_STORE.call(lambda: _in_redis(key, window, change), 0)
    expires = (index + 1) * window
    return LIMIT_STORE.call(lambda: _in_database(digest.hexdigest(), expires, change), 0)


def _in_redis(key: str, window: int, change: int) -> int:
    if change == 0:
        return cache.get(key, 0)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key, change)
    except ValueError:  # expired between add and incr
        cache.add(key, max(change, 0), timeout=window)
        return max(change, 0)


def _in_database(key: str, expires: int, change: int) -> int:
    now = int(time.time())
    if change == 0:
        found = RateLimitCount.objects.filter(key=key, expires__gt=now).values_list("count")
        return next(iter(found), (0,))[0]
    table = connection.ops.quote_name(RateLimitCount._meta.db_table)
    with write_deadline(DEADLINE_MS), connection.cursor() as cursor:
        if change < 0:
            cursor.execute(
                f"UPDATE {table} SET count = count - 1 WHERE key = %s AND count > 0",  # noqa: S608
                [key],
            )
            return 0
        # One statement, atomic across processes on SQLite (3.35+) and PostgreSQL.
        cursor.execute(
            f"INSERT INTO {table} (key, count, expires) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT (key) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key, expires],
        )
        count = cursor.fetchone()[0]
        if count == 1:  # a client's first hit in a window: clear the windows that ended
            cursor.execute(f"DELETE FROM {table} WHERE expires <= %s", [now])  # noqa: S608
    return count
