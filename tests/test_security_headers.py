"""Every response carries the headers the MDN HTTP Observatory grades A+, admin included."""

import pytest

from support.triage_forms import VALID, post

pytestmark = pytest.mark.django_db

PAGES = ["/", "/articles/", "/articles/multiple-sclerosis/", "/triage/", "/privacy/",
         "/no-such-page/", "/admin/login/", "/healthz"]  # fmt: skip


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGES)
def test_every_response_has_the_security_headers(client, url):
    response = client.get(url)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http:" not in policy and "https:" not in policy and "*" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_error_responses_carry_the_headers_too(client):
    response = client.post("/")  # 405
    assert response.status_code == 405
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/multiple-sclerosis/", "/privacy/"])
def test_pages_without_a_form_set_no_cookie(client, url):
    assert not client.get(url).cookies


def test_the_form_page_sets_only_the_csrf_cookie_samesite(client):
    response = client.get("/triage/")
    assert set(response.cookies) == {"csrftoken"}
    assert response.cookies["csrftoken"]["samesite"] == "Lax"


def test_no_page_loads_anything_from_another_origin(client):
    post_html = post(client, VALID).content.decode()
    for html in [client.get(url).content.decode() for url in PAGES[:5]] + [post_html]:
        for attribute in ('src="http', "src='http", 'href="//', 'src="//', "@import", "url(http"):
            assert attribute not in html
        assert '<link rel="stylesheet" href="/static/' in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/triage/submission/",
        "/admin/triage/submission/statistics/",
    ],
)
def test_the_admin_needs_nothing_the_policy_forbids(editor_client, url):
    from support.pages import elements_of

    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    for tag, attrs in elements_of(response.content.decode()):
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        if tag == "script" and attrs.get("type") != "application/json":  # data, not run
            src = attrs.get("src", "")
            assert src.startswith("/") and not src.startswith("//"), attrs  # 'self' only


def test_the_admin_change_page_needs_nothing_the_policy_forbids(editor_client):
    from articles.models import Article

    test_the_admin_needs_nothing_the_policy_forbids(
        editor_client, f"/admin/articles/article/{Article.objects.first().pk}/change/"
    )
