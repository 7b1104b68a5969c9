"""`manage.py check_sources` asks every address the published articles cite, on a local
server the test starts (never the internet), records each answer, and exits 1 when one is
broken."""

import http.server
import io
import threading
import time

import pytest
from django.core.management import CommandError, call_command

from articles import source_links
from articles.models import Article, SourceLink

pytestmark = pytest.mark.django_db


class Pages(http.server.BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_HEAD(self):
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response({"/ok": 200, "/no-head-get": 200, "/moved": 301}.get(self.path, 404))
        if self.path == "/moved":
            self.send_header("Location", "/ok")
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()
        self.wfile.write(b"a page")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def local_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def cite(make_article, slug: str, *urls: str, status=Article.Status.PUBLISHED) -> Article:
    sources = "\n".join(f"- [Source {n}]({url})" for n, url in enumerate(urls))
    return make_article(slug=slug, sources=sources, status=status)


def run(**options) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("check_sources", stdout=out, **options)
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


def test_a_broken_link_is_recorded_named_with_its_article_and_fails_the_command(
    make_article, local_site
):
    Article.objects.update(sources="", sources_html="")  # the shipped ones cite the real web
    cite(make_article, "cites-two", f"{local_site}/ok", f"{local_site}/gone")
    out, status = run(timeout=1)
    assert status == 1
    assert f"{local_site}/gone: answered 404" in out and "cites-two" not in out.split(":")[0]
    states = {link.url: (link.status, link.broken) for link in SourceLink.objects.all()}
    assert states == {f"{local_site}/ok": (200, False), f"{local_site}/gone": (404, True)}
    assert all(agent.startswith("TwitchSourceCheck/") for agent in Pages.seen_agents)


def test_redirects_are_followed_and_a_site_that_refuses_head_is_asked_with_get(
    make_article, local_site
):
    Article.objects.update(sources="", sources_html="")
    cite(make_article, "cites-moved", f"{local_site}/moved", f"{local_site}/no-head")
    out, status = run(timeout=1)
    assert status == 0, out
    assert set(SourceLink.objects.values_list("status", flat=True)) == {200}


def test_a_site_that_does_not_answer_within_the_timeout_is_broken(make_article, local_site):
    Article.objects.update(sources="", sources_html="")
    cite(make_article, "cites-slow", f"{local_site}/slow")
    _, status = run(timeout=0.3)
    assert status == 1
    assert SourceLink.objects.get().problem.startswith("no answer")


def test_only_published_articles_are_checked(make_article, local_site):
    Article.objects.update(sources="", sources_html="")
    cite(make_article, "a-draft", f"{local_site}/gone", status=Article.Status.DRAFT)
    assert run(timeout=1) == ("Checked 0 cited addresses: 0 broken.\n", 0)


def test_cited_addresses_are_read_from_the_rendered_sources_once_each():
    html = '<a href="https://a.example/x?y=1&amp;z=2">A</a> <a href="/articles/ms/">in</a> ' * 2
    assert source_links.cited_addresses(html) == ["https://a.example/x?y=1&z=2"]
