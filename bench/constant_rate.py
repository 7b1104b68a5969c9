"""Symptom-check posts at a constant rate, open loop: what a reader waits at a steady load.

wrk sends the next request when the last one answers (closed loop), so a slow server is
sent less and its queue never shows. Here post n is due at start + n / rate whatever the
server does, and its latency is counted from that moment, not from when a connection was
free to send it: time spent waiting behind slow answers counts (no coordinated omission).

Plain standard library (asyncio), HTTP/1.1 keep-alive on a fixed pool of connections.
"""

from __future__ import annotations

import asyncio
import secrets
import statistics
import time

ANSWERS = (
    "&age=16_or_over&emergency=none&location=shoulder&duration=under_2_weeks"
    "&frequency=now_and_then&symptoms=none"
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _post(reader, writer, port: int, cookie: str, body: str) -> bool:
    writer.write(
        (
            f"POST /triage/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Cookie: csrftoken={cookie}\r\nContent-Length: {len(body)}\r\n\r\n{body}"
        ).encode()
    )
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    page = await reader.readexactly(length)
    return status_line.split()[1:2] == [b"200"] and b'data-level="' in page


async def _run(port: int, cookie: str, token: str, rate: float, seconds: float, connections: int):
    total = int(rate * seconds)
    run_id = secrets.token_hex(4)
    due: asyncio.Queue[int] = asyncio.Queue()
    latencies: list[float] = []
    errors = 0
    start = time.monotonic() + 0.2

    async def schedule():
        for n in range(total):
            await asyncio.sleep(max(0.0, start + n / rate - time.monotonic()))
            due.put_nowait(n)
        for _ in range(connections):
            due.put_nowait(-1)

    async def connection():
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while (n := await due.get()) >= 0:
            key = f"{run_id}{n:024x}"
            body = f"csrfmiddlewaretoken={token}&form_key={key}{ANSWERS}"
            try:
                ok = await asyncio.wait_for(_post(reader, writer, port, cookie, body), 30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                ok = False
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            latencies.append(time.monotonic() - (start + n / rate))
            errors += not ok
        writer.close()

    await asyncio.gather(schedule(), *(connection() for _ in range(connections)))
    return total, latencies, errors


def constant_rate(
    port: int, cookie: str, token: str, *, rate: float, seconds: float, connections: int
) -> dict:
    """Post `rate` checks a second for `seconds`; p50, p99 and max in ms, and errors."""
    total, latencies, errors = asyncio.run(_run(port, cookie, token, rate, seconds, connections))
    return {
        "rate_per_second": rate,
        "seconds": seconds,
        "connections": connections,
        "posts": total,
        "errors": errors,
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
    }
