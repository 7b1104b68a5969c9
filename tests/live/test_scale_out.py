"""Several app servers, as the README runs them: two gunicorn servers on loopback behind
nginx (deploy/nginx/), sharing PostgreSQL and a Redis of the test's own. What one server
does the other sees, limits count once for both, and losing a server or Redis mid-burst
loses no check a reader was told was saved."""

import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from support.admin_client import Browser
from support.liveserver import ON_POSTGRES, SiteClient, query, wait_for

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        not ON_POSTGRES, reason="several app servers share PostgreSQL: its pass runs this"
    ),
]

ARTICLE = "/articles/multiple-sclerosis/"
CLIENTS = 6


@pytest.fixture
def pair(live_server_factory, own_redis, nginx_factory):
    """Servers A and B, the same release with the same secret key, behind one nginx."""
    shared = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "GUNICORN_WORKERS": "2"}
    a = live_server_factory(redis_url=own_redis.url, env=shared)
    b = live_server_factory(redis_url=own_redis.url, env=shared)
    return a, b, SiteClient(nginx_factory(a, b).port)


def burst(client: SiteClient, during=None, times: int = 40):
    """CLIENTS readers filling in the form through nginx, `during()` run part way through:
    the form keys acknowledged as saved, and every answer's status."""
    acknowledged, statuses, stop = [], [], threading.Event()
    with ThreadPoolExecutor(CLIENTS) as pool:
        runs = [
            pool.submit(client.keep_checking, acknowledged, stop, times, statuses)
            for _ in range(CLIENTS)
        ]
        if during:
            assert wait_for(lambda: len(statuses) >= CLIENTS * times // 3, seconds=60)
            during()
        for run in runs:
            run.result()
    return acknowledged, statuses


def served_posts(server) -> int:
    return server.log.read_text().count('"POST /triage/ ')


def test_an_edit_on_one_server_is_seen_on_the_other_at_once(pair):
    a, b, _ = pair
    assert b.get(ARTICLE)[0] == 200  # B holds the page in the shared cache
    password = secrets.token_urlsafe(20)
    a.manage(
        "createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.org",
        env={"DJANGO_SUPERUSER_PASSWORD": password},
    )  # fmt: skip
    code = a.manage("addstatictoken", "editor").strip()  # the README's first sign-in
    editor = Browser(a.port)
    assert editor.log_in("editor", password) == 200  # production asks for a code too
    assert editor.log_in("editor", password, code) == 302
    sql = "SELECT id FROM articles_article WHERE slug = 'multiple-sclerosis'"
    [(article_id,)] = query(a.database_url, sql)
    status, _ = editor.edit_article(article_id, "Edited on server A.")
    assert status == 302
    assert b"Edited on server A." in b.get(ARTICLE)[1]


def test_the_admin_login_limit_counts_attempts_on_both_servers_together(pair):
    a, b, _ = pair
    # Ten wrong passwords a client may try in a 5-minute window, whichever server gets them.
    window = int(time.time() // 300)
    statuses = [Browser(server.port).log_in("editor", "wrong") for server in [a, b] * 6]
    if int(time.time() // 300) != window:  # the window turned over part way: once more
        statuses = [Browser(server.port).log_in("editor", "wrong") for server in [a, b] * 6]
    assert statuses[:10] == [200] * 10  # the form again, with an error
    assert statuses[10:] == [429, 429]


def test_a_burst_over_both_servers_stores_one_row_for_each_check_acknowledged(pair):
    a, b, nginx = pair
    acknowledged, statuses = burst(nginx)
    assert statuses == [200] * len(statuses) and len(acknowledged) == len(statuses)
    assert Counter(a.stored_keys()) == Counter(acknowledged)
    assert served_posts(a) > 0 and served_posts(b) > 0  # nginx spread them over both


def test_a_server_killed_mid_burst_loses_no_check_acknowledged(pair):
    a, b, nginx = pair
    acknowledged, statuses = burst(nginx, during=b.kill)
    stored = Counter(a.stored_keys())
    assert set(acknowledged) <= set(stored) and max(stored.values()) == 1
    # nginx sent the rest to A: most readers never noticed.
    assert statuses.count(200) >= 0.9 * len(statuses)


def test_redis_killed_mid_burst_gives_no_error_and_both_servers_recover_when_it_returns(
    pair, own_redis
):
    a, b, nginx = pair
    acknowledged, statuses = burst(nginx, during=own_redis.stop)
    assert set(statuses) == {200}
    assert set(acknowledged) <= set(a.stored_keys())
    for server in (a, b):
        assert b'"cache": {"status": "degraded"' in server.get("/readyz")[1]
    own_redis.start()  # on the same port, empty
    for server in (a, b):
        ready = lambda server=server: b'"cache": {"status": "ok"}' in server.get("/readyz")[1]  # noqa: E731
        assert wait_for(ready)
        assert server.get(ARTICLE)[0] == 200
    assert own_redis.client().keys("*page:*")  # pages are kept in it again
