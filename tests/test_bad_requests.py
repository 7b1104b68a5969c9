"""A request the site cannot read gets a plain 400 page that says so, never a 500."""

import pytest
from django.test import Client

from support.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/triage/", "/articles/multiple-sclerosis/", "/nope"])
@pytest.mark.parametrize("host", ["evil.example", "evil.example:443", "a b", "[::1"])
def test_an_unknown_host_gets_a_400_page_not_an_error(url, host):
    response = Client(HTTP_HOST=host, raise_request_exception=False).get(url)
    assert response.status_code == 400
    assert "Your request could not be read" in text_of(response.content.decode())
