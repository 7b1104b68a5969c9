"""The shipped nginx and gunicorn keep no reader's address, browser or words in their
logs, drop requests for names that are not ours, and answer with the site's security
headers when the app cannot."""

import re
import socket

import pytest

from support.liveserver import SiteClient, wait_for
from support.services import DEPLOY, free_port

pytestmark = pytest.mark.live

AGENT = "Mozilla/5.0 (Zanzibar-Browser)"
REFERRER = "https://referrer.example/zanzibar"
# A client address as a log line would hold it: 127.0.0.1 not followed by a port (the
# app server's own address, upstream=...@127.0.0.1:8001, is not a reader's).
CLIENT_ADDRESS = re.compile(r"127\.0\.0\.1(?![:\d])")


def raw(port: int, data: bytes) -> bytes:
    """What the server answers to bytes sent as they are, until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_the_shipped_configs_log_no_address_agent_referrer_or_query():
    site = (DEPLOY / "twitch.conf").read_text()
    formats = re.findall(r"log_format\s+\w+\s+((?:'[^']*'\s*)+);", site)
    assert formats, "a named log_format"
    unwanted = "$remote_addr $binary_remote_addr $http_x_forwarded_for $http_user_agent"
    unwanted = [
        *unwanted.split(),
        "$http_referer",
        "$request ",
        "$args",
        "$query_string",
        "$request_uri",
    ]
    for variable in unwanted:
        assert all(variable not in f"{line} " for line in formats), variable
    assert re.findall(r"access_log\s+(\S+)\s+(\w+);", site) == [
        ("/var/log/nginx/twitch.access.log", "twitch")
    ]
    assert "error_log /var/log/nginx/twitch.error.log crit;" in site


def test_the_shipped_tls_offers_1_2_and_1_3_only_and_hides_the_nginx_version():
    site = (DEPLOY / "twitch.conf").read_text()
    assert re.findall(r"^\s*ssl_protocols ([^;]*);", site, re.M) == ["TLSv1.2 TLSv1.3"]
    assert re.search(r"^server_tokens off;", site, re.M)
    assert re.search(r"listen 443 ssl default_server;\n(?:.*\n)*?\s*ssl_reject_handshake on;", site)


def test_a_live_run_logs_no_reader_address_agent_referrer_or_words(server, nginx_factory):
    nginx = nginx_factory(server)
    reader = SiteClient(nginx.port)
    headers = {"User-Agent": AGENT, "Referer": REFERRER}
    for path in ("/search/?q=tremor+zanzibar", "/articles/?letter=Z&zanzibar=1", "/nope?zanzibar"):
        reader.request("GET", path, headers=headers)
    reader.check_symptoms()
    # What gunicorn cannot read, straight to it and through nginx.
    raw(server.port, b"GET /zanzibar?zanzibar=1 HTTP/1.1 junk\r\n\r\n")
    raw(server.port, b"GET /?zanzibar HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header zanzibar\r\n\r\n")
    assert wait_for(lambda: "Invalid request, answered 400" in server.log.read_text())
    assert wait_for(lambda: nginx.access_log.read_text().count('"GET /search/ ') == 1)
    logs = {
        "gunicorn": server.log.read_text(),
        "nginx access": nginx.access_log.read_text(),
        "nginx error": (nginx.dir / "site-error.log").read_text()
        if (nginx.dir / "site-error.log").exists()
        else "",
    }
    for name, text in logs.items():
        assert "zanzibar" not in text.lower(), name
        assert not CLIENT_ADDRESS.search(text), name


def test_nginx_drops_a_request_for_a_name_that_is_not_ours(server, nginx_factory):
    nginx = nginx_factory(server)
    assert raw(nginx.port, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n") == b""
    assert raw(nginx.port, b"GET / HTTP/1.0\r\n\r\n") == b""  # no name at all
    status, _, _ = SiteClient(nginx.port).request("GET", "/")
    assert status == 200


def test_nginx_own_answers_carry_the_security_headers_and_no_version(nginx_factory):
    class Gone:
        port = free_port()  # nothing listens there: the app is down

    nginx = nginx_factory(Gone)
    status, body, response = SiteClient(nginx.port).request("GET", "/articles/")
    assert status == 502  # nginx keeps its own status; the page is ours
    assert "Try again in a minute" in body.decode()
    assert response.getheader("Server") == "nginx"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")


def test_junk_in_a_query_string_makes_no_new_copy_in_nginx(server, nginx_factory):
    nginx = nginx_factory(server)
    reader = SiteClient(nginx.port)
    cache_status = reader.cache_status
    article = "/articles/multiple-sclerosis/"
    assert [cache_status(f"{article}?junk={n}") for n in range(4)] == ["MISS"] + ["HIT"] * 3
    # The A to Z's letter is one of its parameters: each letter is a page of its own.
    assert [cache_status(f"/articles/?letter=M&junk={n}") for n in range(3)] == [
        "MISS", "HIT", "HIT"
    ]  # fmt: skip
    assert cache_status("/articles/?letter=N") == "MISS"
    kept = [path for path in (nginx.dir / "cache").rglob("*") if path.is_file()]
    assert len(kept) == 3
