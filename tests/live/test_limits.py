"""The limits hold for the whole server, not per worker: a real gunicorn with several
worker processes and no Redis counts one client's posts and failed logins once
(decision record 003: the database is the shared store)."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from support.admin_client import Browser
from support.liveserver import SiteClient

pytestmark = pytest.mark.live

WORKERS = "4"


def within_one_window(window: int, attempt):
    """attempt(), again if a window ended part way through (it would reset the count)."""
    for _ in range(2):
        started = int(time.time() // window)
        result = attempt()
        if int(time.time() // window) == started:
            return result
    raise AssertionError("two windows turned over in a row")


def test_symptom_check_posts_past_20_a_minute_are_refused_whichever_worker_answers(
    live_server_factory,
):
    server = live_server_factory(
        env={"TRIAGE_RATE_LIMIT_PER_MINUTE": "20", "GUNICORN_WORKERS": WORKERS}
    )

    def thirty_checks():
        with ThreadPoolExecutor(6) as pool:  # at once: each worker gets some
            return list(pool.map(lambda _: server.check_symptoms(), range(30)))

    results = within_one_window(60, thirty_checks)
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] * 20 + [429] * 10
    assert sum(stored for _, _, stored in results) == 20


def test_failed_logins_past_10_are_refused_whichever_worker_answers(live_server_factory):
    server = live_server_factory(env={"GUNICORN_WORKERS": WORKERS})

    def twelve_guesses():
        with ThreadPoolExecutor(4) as pool:
            return list(
                pool.map(lambda _: Browser(server.port).log_in("editor", "wrong"), range(12))
            )

    assert sorted(within_one_window(300, twelve_guesses)) == [200] * 10 + [429] * 2


def test_the_shipped_nginx_limit_refuses_a_flood_of_posts_before_the_app(
    live_server_factory, nginx_factory
):
    server = live_server_factory()  # the app's own limit is raised out of the way
    nginx = nginx_factory(server, rate_limits=True)
    reader = SiteClient(nginx.port)
    statuses = [reader.check_symptoms()[0] for _ in range(40)]
    # A burst of 30 posts, then one a second: the rest of a quick flood is refused.
    assert statuses.count(200) in range(30, 34) and statuses.count(429) >= 7
    assert reader.get("/articles/")[0] == 200  # pages are not limited
