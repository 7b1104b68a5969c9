"""Two-factor sign-in for staff (decision record 013), with django-otp.

With REQUIRE_MFA, the admin asks for a code as well as the password, and lets in only a
session verified by one: a time-based code from an authenticator app (TOTP), or one of
the user's recovery codes, each good once. A new account's first code comes from the
command line (`manage.py addstatictoken <username>`); after signing in with it, staff add
an authenticator app and print their recovery codes on their own page. Every write is
here, for the signed-in user only.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import transaction
from django_otp import login as otp_login
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"


class CodeAuthenticationForm(OTPAdminAuthenticationForm):
    """django-otp's admin login form, in plain words, with nothing to choose: six digits
    are a code from the authenticator app, anything else a recovery code. (django-otp
    asks which device rather than try each, which would count failures against all.)"""

    def _chosen_device(self, user):
        token = (self.cleaned_data.get("otp_token") or "").strip()
        model = TOTPDevice if len(token) == 6 and token.isdigit() else StaticDevice
        return model.objects.devices_for_user(user, confirmed=True).first()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].label = "Code"
        self.fields["otp_token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        )
        self.otp_error_messages = self.otp_error_messages | {
            "token_required": "Enter the code from your authenticator app, or a recovery code.",
            "invalid_token": "That code is not right, or was used already. Check it and try again.",
        }
        self.otp_error_messages["device_required"] = self.otp_error_messages["invalid_token"]


class TwitchAdminSite(OTPAdminSite):
    """The admin. With REQUIRE_MFA its login asks for a code, and only a session signed
    in with one is let in; without, Django's own login and rule."""

    @property
    def login_form(self):
        return CodeAuthenticationForm if settings.REQUIRE_MFA else AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_with_code.html" if settings.REQUIRE_MFA else None

    def has_permission(self, request) -> bool:
        verified = not settings.REQUIRE_MFA or request.user.is_verified()
        return AdminSite.has_permission(self, request) and verified


def devices_of(user) -> dict[str, list]:
    return {
        AUTHENTICATOR: list(TOTPDevice.objects.devices_for_user(user, confirmed=True)),
        RECOVERY: list(StaticDevice.objects.devices_for_user(user, confirmed=True)),
    }


def authenticator_start(*, user) -> TOTPDevice:
    """A new authenticator for `user`, not yet confirmed: the one they have not confirmed
    yet, if any, so that reloading the page shows the same key."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": AUTHENTICATOR}
    )
    return device


def authenticator_confirm(*, user, token: str, request=None) -> bool:
    """Confirms the user's new authenticator if `token` is its current code; the other
    authenticators go (one app at a time), and this session counts as verified by it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    if request is not None:
        otp_login(request, device)
    return True


def recovery_codes_replace(*, user, request=None) -> list[str]:
    """Ten new recovery codes for `user`, each good once, in place of any before (eight
    letters and digits: never six digits, which would be read as an app's code)."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
        device.token_set.bulk_create([StaticToken(device=device, token=c) for c in codes])
    if request is not None and isinstance(getattr(user, "otp_device", None), StaticDevice):
        otp_login(request, device)  # signed in with an old code: still signed in
    return codes


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's key as an inline SVG QR code: nothing is loaded from anywhere."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")


def key_in_groups(device: TOTPDevice) -> str:
    """The key as an app asks for it when typed in: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
