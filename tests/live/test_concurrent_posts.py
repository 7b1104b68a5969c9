"""Many people checking their symptoms at once: every post answered, each stored once."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from support.liveserver import CSRF, FORM_KEY

pytestmark = pytest.mark.live

CLIENTS, POSTS = 16, 800


def test_800_posts_from_16_clients_are_all_answered_and_stored_exactly_once(server):
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda _: server.check_symptoms(), range(POSTS)))
    assert [status for status, _, _ in results] == [200] * POSTS
    assert all(outcome for _, _, outcome in results)
    stored = server.stored_keys()
    assert len(stored) == POSTS
    assert set(stored) == {key for _, key, _ in results}
    assert "database is locked" not in server.log.read_text()


def test_one_form_sent_eight_times_at_once_is_stored_once(server):
    _, page, response = server.request("GET", "/triage/")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    key = FORM_KEY.search(page).group(1).decode()
    token = CSRF.search(page).group(1).decode()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: server.post_form(key, token, cookie), range(8)))
    assert all(status == 200 and outcome for status, _, outcome in results)
    assert server.stored_keys() == [key]
