"""Staff sign in with a password and a code (decision record 013): without a code, or
with a wrong or used one, the admin stays shut; staff set up their authenticator app and
recovery codes on their own page."""

import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from support.pages import text_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/?next=/admin/"
TWO_FACTOR = "/admin/two-factor/"
AUTHENTICATOR = "/admin/two-factor/authenticator/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.REQUIRE_MFA = True


def code_of(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


def one_time_code(username: str) -> str:
    """What an operator runs for a new account (the README): a code good once."""
    out = __import__("io").StringIO()
    call_command("addstatictoken", username, stdout=out)
    return out.getvalue().strip()


def log_in(client: Client, code: str | None, username: str = "editor"):
    data = {"username": username, "password": PASSWORD}
    if code is not None:
        data["otp_token"] = code
    return client.post(LOGIN, data)


def admin_opens(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_the_right_password_without_a_code_is_refused(editor):
    client = Client()
    response = log_in(client, None)
    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in text_of(response.content.decode())
    assert not admin_opens(client)


def test_a_wrong_code_is_refused(editor):
    one_time_code("editor")
    client = Client()
    response = log_in(client, "000000")
    assert response.status_code == 200
    assert "That code is not right" in text_of(response.content.decode())
    assert not admin_opens(client)


def test_a_one_time_code_from_the_command_line_lets_a_new_account_in_once(editor):
    code = one_time_code("editor")
    first = Client()
    assert log_in(first, code).status_code == 302
    assert admin_opens(first)
    assert log_in(Client(), code).status_code == 200  # used


def test_a_session_signed_in_with_the_password_alone_is_not_let_in(editor):
    client = Client()
    client.force_login(editor)  # as a login without the code would leave it
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_add_an_authenticator_app_and_sign_in_with_its_codes(editor):
    client = Client()
    assert log_in(client, one_time_code("editor")).status_code == 302
    page = client.get(AUTHENTICATOR)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "<svg" in html and "QR code" in html
    key = re.search(r"type in this key: <code>([A-Z2-7 ]+)</code>", html).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.get(AUTHENTICATOR).content.decode().count(key) == 1  # the same key again

    wrong = client.post(AUTHENTICATOR, {"code": "000000"})
    assert "That code is not right" in text_of(wrong.content.decode())
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    time.sleep(1.1)  # django-otp refuses every code for a second after a wrong one
    done = client.post(AUTHENTICATOR, {"code": code_of(device)})
    assert done.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed

    later = Client()
    assert log_in(later, code_of(device, offset_steps=1)).status_code == 302
    assert admin_opens(later)


def test_new_recovery_codes_are_shown_once_and_replace_the_old(editor):
    client = Client()
    old = one_time_code("editor")
    assert log_in(client, old).status_code == 302
    page = client.post(TWO_FACTOR).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert codes[0] not in client.get(TWO_FACTOR).content.decode()  # shown once
    assert "You have 10 unused recovery codes" in text_of(client.get(TWO_FACTOR).content.decode())
    again = Client()
    assert log_in(again, codes[3]).status_code == 302
    assert log_in(Client(), codes[3]).status_code == 200  # each works once


def test_wrong_codes_count_towards_the_login_limit(editor, limit):
    limit("login-client", 3)
    one_time_code("editor")
    statuses = [log_in(Client(), "000000").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_without_the_setting_the_password_alone_signs_in(editor, settings):
    settings.REQUIRE_MFA = False
    client = Client()
    assert log_in(client, None).status_code == 302
    assert admin_opens(client)
