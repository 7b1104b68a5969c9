"""TRIAGE_ENABLED=0 switches the symptom check off while a safety problem is looked into:
every request to it gets the emergency and urgent contacts, and nothing is stored."""

import pytest

from support.pages import main_text
from support.triage_forms import VALID, form_key, post
from triage.models import Submission
from triage.rules import CALL_EMERGENCY_IF, GET_HELP_TODAY_IF

pytestmark = pytest.mark.django_db


@pytest.fixture
def switched_off(settings):
    settings.TRIAGE_ENABLED = False
    settings.URGENT_CARE_CONTACT = "NHS 111 (call 111)"


def test_with_the_check_switched_off_the_page_gives_the_emergency_and_urgent_contacts(
    client, switched_off
):
    response = client.get("/triage/")
    assert response.status_code == 200
    html = response.content.decode()
    page = main_text(html)
    assert "The symptom check is not available" in page
    assert "Call 112 now if you get:" in page
    assert "get help today from NHS 111 (call 111):" in page
    for sign in (*CALL_EMERGENCY_IF.signs, *GET_HELP_TODAY_IF.signs[:5]):
        assert sign.text in page
    assert 'href="tel:112"' in html
    assert 'name="age"' not in html  # no question is asked
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_with_the_check_switched_off_a_post_stores_nothing(client, switched_off, settings):
    settings.TRIAGE_ENABLED = True
    key = form_key(client)  # a form opened just before the check was switched off
    settings.TRIAGE_ENABLED = False
    for step in (1, None):
        response = post(client, VALID, key=key, step=step)
        assert response.status_code == 200
        assert "The symptom check is not available" in main_text(response.content.decode())
    assert not Submission.objects.exists()


def test_switched_on_again_the_check_works_as_before(client, settings):
    settings.TRIAGE_ENABLED = True
    assert 'name="age"' in client.get("/triage/").content.decode()
    post(client, VALID)
    assert Submission.objects.count() == 1
