"""A request the site cannot read gets a plain 400 page that says so, never a 500."""

import io

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


@pytest.mark.parametrize("url", ["/triage/", "/admin/login/", "/triage/concern/"])
def test_a_multipart_body_is_refused_before_it_is_read_and_nothing_is_stored(url):
    from triage.models import Submission

    before = Submission.objects.count()
    response = Client(enforce_csrf_checks=True).post(
        url, {"age": "16_or_over", "upload": io.BytesIO(b"x" * 2_000_000)}
    )  # the test client sends a dict with a file as multipart/form-data
    assert response.status_code == 415
    assert "Your request could not be read" in text_of(response.content.decode())
    assert Submission.objects.count() == before
