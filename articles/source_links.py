"""Whether the addresses an article cites still answer. Plain Python (urllib).

Each address is asked for with a short timeout, a few at a time, with a user agent that
says who asks and why. HEAD first, as it costs the other site least; a site that refuses
HEAD is asked with GET, and only its first bytes are read.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

USER_AGENT = "TwitchSourceCheck/1.0 (checks that the sources a health article cites still exist)"
TIMEOUT_SECONDS = 10
AT_ONCE = 4
_HREF = re.compile(r'href="(https?://[^"]+)"')


@dataclass(frozen=True)
class LinkState:
    url: str
    status: int | None  # the HTTP status, after redirects; None when there was no answer
    problem: str  # "" when it answered below 400

    @property
    def broken(self) -> bool:
        return bool(self.problem)


def cited_addresses(sources_html: str) -> list[str]:
    """The web addresses in an article's rendered sources, each once, in order."""
    return list(dict.fromkeys(match.replace("&amp;", "&") for match in _HREF.findall(sources_html)))


def check(urls: Iterable[str], timeout: float = TIMEOUT_SECONDS, at_once: int = AT_ONCE):
    """The state of each address, asked a few at a time."""
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return list(pool.map(lambda url: check_one(url, timeout), urls))


def check_one(url: str, timeout: float = TIMEOUT_SECONDS) -> LinkState:
    status, problem = _ask(url, "HEAD", timeout)
    if status in (403, 405, 501):  # some sites refuse HEAD but serve the page
        status, problem = _ask(url, "GET", timeout)
    return LinkState(url, status, problem)


def _ask(url: str, method: str, timeout: float) -> tuple[int | None, str]:
    # http and https only: the addresses come from _HREF.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if method == "GET":
                response.read(1024)
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"answered {error.code}"
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, "no answer: " + (str(reason)[:200] or type(error).__name__)
