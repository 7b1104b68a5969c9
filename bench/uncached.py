"""Every public page rendered with the page cache empty: what the first reader after an edit
waits for. Run inside Django (bench/run.py runs it with `manage.py shell` on the database
with 5,000 articles); prints one line of JSON.

Each request goes through the whole middleware stack in this process (no network), after
the cache is cleared; the median of several is kept.
"""

import json
import statistics
import time

from django.core.cache import caches
from django.test import Client

from articles.models import Article

REPEATS = 15


def timed(client: Client, path: str) -> tuple[float, int]:
    for cache in caches.all():
        cache.clear()
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed * 1000, len(response.content)


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    article = Article.objects.published().order_by("-updated_at").first()
    pages = {
        "home": "/",
        "A to Z": "/articles/",
        "A to Z, letter M": "/articles/?letter=M",
        "article": article.get_absolute_url(),
        "search": "/search/?q=twitching",
        "symptom check": "/triage/",
        "sitemap index": "/sitemap.xml",
    }
    timed(client, "/")  # the first request loads templates and URL patterns
    rows = []
    for name, path in pages.items():
        times = [timed(client, path)[0] for _ in range(REPEATS)]
        rows.append({"page": name, "path": path, "median_ms": round(statistics.median(times), 2)})
    sections = [
        line.split("<loc>")[1].split("</loc>")[0].replace("http://127.0.0.1", "")
        for line in client.get("/sitemap.xml").content.decode().split("<sitemap>")[1:]
    ] or ["/sitemap.xml"]
    slowest = max(
        sections, key=lambda path: statistics.median(timed(client, path)[0] for _ in range(5))
    )
    sitemap = [timed(client, slowest) for _ in range(5)]
    print(
        json.dumps(
            {
                "articles": Article.objects.published().count(),
                "repeats": REPEATS,
                "pages": rows,
                "sitemap_slowest_section": slowest,
                "sitemap_ms": round(statistics.median(t for t, _ in sitemap), 2),
                "sitemap_kb": round(sitemap[0][1] / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
