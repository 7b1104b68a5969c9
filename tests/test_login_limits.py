"""The admin login's limits (decision record 003): failures count, per client and per user
name as Django reads it; a stranger's failures never lock out the real user at a clean
address; a refusal is a 429 with Retry-After, and nothing sleeps."""

from types import SimpleNamespace

import pytest
from django.test import Client

import ops.ratelimit

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
FULLWIDTH_EDITOR = "".join(chr(ord(c) + 0xFEE0) for c in "EDITOR")  # NFKC: "EDITOR"


@pytest.fixture(autouse=True)
def one_window(monkeypatch):
    monkeypatch.setattr(ops.ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


def log_in(username: str, password: str, address: str = "198.51.100.7") -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_spellings_of_one_user_name_share_its_count(editor, limit):
    limit("login-user", 3)
    limit("login-client", 100)
    for spelling in ["editor ", "\teditor", FULLWIDTH_EDITOR]:
        assert log_in(spelling, "wrong").status_code == 200
    refused = log_in("Editor", PASSWORD)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def test_only_failed_logins_count(editor, limit):
    limit("login-client", 3)
    for _ in range(5):
        assert log_in("editor", PASSWORD).status_code == 302
    assert log_in("editor", "wrong").status_code == 200


def test_after_25_strangers_failures_the_right_password_from_a_clean_address_logs_in(editor):
    for n in range(25):
        log_in("editor", "wrong", address=f"203.0.113.{n}")
    assert log_in("editor", PASSWORD, address="192.0.2.50").status_code == 302


def test_a_name_under_attack_makes_each_client_that_failed_for_it_wait(editor, limit):
    limit("login-user-anywhere", 5)
    for n in range(5):
        assert log_in("editor", "wrong", address=f"203.0.113.{n}").status_code == 200
    again = log_in("editor", "wrong", address="203.0.113.1")
    assert again.status_code == 429 and int(again["Retry-After"]) > 0
    # One that never failed may still try, and the right password works.
    assert log_in("editor", PASSWORD, address="192.0.2.51").status_code == 302


def test_addresses_of_one_ipv6_network_count_as_one_client(editor, limit):
    limit("login-client", 3)
    for host in ["2001:db8:1:2::1", "2001:db8:1:2::beef", "2001:db8:1:2:ffff::9"]:
        assert log_in("someone", "wrong", address=host).status_code == 200
    assert log_in("editor", PASSWORD, address="2001:db8:1:2::77").status_code == 429
    assert log_in("editor", PASSWORD, address="2001:db8:1:3::1").status_code == 302


@pytest.mark.parametrize(
    ("spelling", "network"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("2001:DB8::1", "2001:db8::/64"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::/64"),
        ("[2001:db8::1]", "2001:db8::/64"),
        ("not an address", "unknown"),
    ],
)
def test_spellings_of_one_address_are_one_client(spelling, network):
    assert ops.ratelimit.network_of(spelling) == network
