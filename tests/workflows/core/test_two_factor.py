"""Two-step verification of the admin (workflows/core/two_factor/).

Codes are computed here from the key the enrolment page shows (RFC 6238, independently of
django-otp), as an authenticator app would.
"""

import base64
import hashlib
import hmac
import importlib
import struct
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from workflows.core import roles

from .role_url_matrix import admin_urls
from .test_role_url_matrix import records  # noqa: F401  (the matrix's records, as a fixture)

ENROL = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"


def totp(secret, at=None, step=30, digits=6):
    key = base64.b32decode(secret.replace(" ", "").upper())
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def enrol(client, user):
    """Log in, read the key off the enrolment page, confirm with the app's code.
    Returns (secret, backup codes)."""
    client.force_login(user)
    shown = page(client.get(ENROL))
    secret = shown.select_one("[data-two-factor-secret]").get_text()
    assert shown.select_one("[data-two-factor-qr] svg") is not None
    response = client.post(ENROL, {"token": totp(secret)})
    assert response.status_code == 200
    codes = [li.get_text() for li in page(response).select("[data-backup-codes] code")]
    return secret, codes


def login_again(client, user):
    client.logout()
    client.force_login(user)


@pytest.fixture
def require_management(settings):
    settings.RSD_2FA_REQUIRED_ROLES = [roles.MANAGEMENT]
    settings.RSD_2FA_REQUIRED_FOR_SUPERUSERS = True


@pytest.mark.django_db
def test_enrolment_with_the_apps_code_turns_it_on_and_gives_ten_backup_codes(client, sales):
    secret, codes = enrol(client, sales)
    device = TOTPDevice.objects.get(user=sales)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=sales).count() == 10
    assert ModelLogEntry.objects.filter(action="core.two_factor_enrolled", user=sales).exists()
    # The session that enrolled is verified: the admin opens.
    assert client.get("/admin/").status_code == 200
    # A new login must verify before any admin page.
    login_again(client, sales)
    response = client.get("/admin/reports/overdue/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    response = client.post(
        VERIFY, {"token": totp(secret, time.time() + 30), "next": "/admin/reports/overdue/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/reports/overdue/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_does_not_enrol(client, sales):
    client.force_login(sales)
    shown = page(client.get(ENROL))
    secret = shown.select_one("[data-two-factor-secret]").get_text()
    right = totp(secret)
    wrong = str((int(right) + 1) % 10**6).zfill(6)
    response = client.post(ENROL, {"token": wrong})
    assert response.status_code == 200
    assert response.context["form"].has_error("token")
    assert not TOTPDevice.objects.filter(user=sales, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=sales).exists()
    # The key stays the same while the device is being set up.
    again = page(client.get(ENROL)).select_one("[data-two-factor-secret]").get_text()
    assert again == secret


@pytest.mark.django_db
def test_wrong_and_replayed_codes_are_refused_and_wrong_codes_are_throttled(client, sales):
    secret, _codes = enrol(client, sales)
    login_again(client, sales)
    # The code that enrolled cannot be used again.
    response = client.post(VERIFY, {"token": totp(secret)})
    assert response.status_code == 200 and response.context["form"].has_error("token")
    assert client.get("/admin/").status_code == 302
    # A wrong code, then at once the right one: the device waits (django-otp's throttling).
    later = totp(secret, time.time() + 30)
    wrong = str((int(later) + 1) % 10**6).zfill(6)
    client.post(VERIFY, {"token": wrong})
    response = client.post(VERIFY, {"token": later})
    assert response.context["form"].has_error("token", code="throttled")
    assert client.get("/admin/").status_code == 302
    # After the wait, the right code is accepted.
    TOTPDevice.objects.filter(user=sales).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )
    response = client.post(VERIFY, {"token": later})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_backup_code_works_once(client, sales):
    _secret, codes = enrol(client, sales)
    login_again(client, sales)
    response = client.post(VERIFY, {"token": f"  {codes[3].upper()} "})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=sales).count() == 9
    login_again(client, sales)
    response = client.post(VERIFY, {"token": codes[3]})
    assert response.status_code == 200 and response.context["form"].has_error("token")
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_new_backup_codes_replace_the_old_ones(client, sales):
    _secret, codes = enrol(client, sales)
    response = client.post(ENROL, {"action": "backup-codes"})
    fresh = [li.get_text() for li in page(response).select("[data-backup-codes] code")]
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    login_again(client, sales)
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 200
    TOTPDevice.objects.update(throttling_failure_timestamp=None, throttling_failure_count=0)
    StaticDevice.objects.update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert client.post(VERIFY, {"token": fresh[0]}).status_code == 302


@pytest.mark.django_db
def test_a_user_whose_role_does_not_require_it_may_turn_it_off(client, sales, require_management):
    enrol(client, sales)
    response = client.post(ENROL, {"action": "off"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=sales).exists()
    assert ModelLogEntry.objects.filter(action="core.two_factor_off", user=sales).exists()


@pytest.mark.django_db
def test_a_required_user_cannot_turn_it_off(client, staff, require_management):
    manager = staff[roles.MANAGEMENT]
    enrol(client, manager)
    client.post(ENROL, {"action": "off"})
    assert TOTPDevice.objects.filter(user=manager, confirmed=True).exists()


@pytest.mark.django_db
def test_users_whose_role_does_not_require_it_are_unaffected(client, staff, require_management):
    for role in (roles.SALES, roles.FINANCE, roles.SUPERVISION):
        client.force_login(staff[role])
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/reports/overdue/").status_code in (200, 403)
        client.logout()


@pytest.mark.django_db
def test_password_login_of_a_required_role_leads_to_enrolment_then_verification(
    client, staff, require_management
):
    manager = staff[roles.MANAGEMENT]
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": manager.username, "password": "secret-pass-123", "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(ENROL)
    assert response.context["required"]


def _assert_locked_out(client, user, records, target):  # noqa: F811
    open_anyway = {"logout/", "login/", "two-factor/verify/", "jsi18n/", "sprite/"}
    if target == ENROL:
        open_anyway.add("two-factor/")
    reached = []
    for key, url in sorted(admin_urls(records), key=lambda pair: pair[0] == "logout/"):
        if key in open_anyway:
            continue
        response = client.get(url)
        location = response.get("Location", "")
        if not (response.status_code == 302 and location.startswith(target)):
            reached.append(f"{key}: {response.status_code} {location}")
    assert not reached, "\n".join(reached)


@pytest.mark.django_db
def test_a_required_role_reaches_no_admin_url_before_enrolling(
    client,
    staff,
    records,  # noqa: F811
    require_management,
):
    client.force_login(staff[roles.MANAGEMENT])
    client.raise_request_exception = False
    _assert_locked_out(client, staff[roles.MANAGEMENT], records, ENROL)


@pytest.mark.django_db
def test_an_enrolled_user_reaches_no_admin_url_before_verifying(
    client,
    staff,
    records,  # noqa: F811
    require_management,
):
    admin = staff["admin"]
    enrol(client, admin)
    login_again(client, admin)
    client.raise_request_exception = False
    _assert_locked_out(client, admin, records, VERIFY)


@pytest.mark.django_db
def test_superusers_are_required_only_where_the_setting_says(client, staff, settings):
    client.force_login(staff["admin"])
    assert client.get("/admin/").status_code == 200
    settings.RSD_2FA_REQUIRED_FOR_SUPERUSERS = True
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)


@pytest.mark.django_db
def test_a_superuser_resets_a_users_devices_and_history_says_so(client, staff, require_management):
    manager, admin = staff[roles.MANAGEMENT], staff["admin"]
    enrol(client, manager)
    client.logout()
    url = reverse("core_two_factor_reset", args=[manager.pk])
    # Anyone else is refused and nothing changes.
    client.force_login(staff[roles.SUPERVISION])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=manager).exists()
    client.logout()
    # The superuser (enrolled and verified, as production requires) resets.
    enrol(client, admin)
    listing = client.get(reverse("wagtailusers_users:index"))
    assert url in listing.content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert not StaticDevice.objects.filter(user=manager).exists()
    entry = ModelLogEntry.objects.get(action="core.two_factor_reset")
    assert entry.user == admin and entry.object_id == str(manager.pk)
    # The manager logs in again and is sent to enrol.
    client.logout()
    client.force_login(manager)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_production_requires_it_for_management_and_superusers(monkeypatch):
    from config.settings import base

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.delenv("RSD_2FA_REQUIRED_ROLES", raising=False)
    monkeypatch.delenv("RSD_2FA_REQUIRED_FOR_SUPERUSERS", raising=False)
    # production.py adjusts the database settings it shares with the running tests' settings.
    database = dict(base.DATABASES["default"])
    try:
        production = importlib.reload(importlib.import_module("config.settings.production"))
    finally:
        base.DATABASES["default"].clear()
        base.DATABASES["default"].update(database)
    assert production.RSD_2FA_REQUIRED_ROLES == [roles.MANAGEMENT]
    assert production.RSD_2FA_REQUIRED_FOR_SUPERUSERS is True
    middleware = production.MIDDLEWARE
    assert middleware.index("django_otp.middleware.OTPMiddleware") < middleware.index(
        "workflows.core.two_factor.middleware.TwoFactorMiddleware"
    )
    test_settings = importlib.import_module("config.settings.test")
    assert test_settings.RSD_2FA_REQUIRED_ROLES == []
    assert not test_settings.RSD_2FA_REQUIRED_FOR_SUPERUSERS
    assert not base.RSD_2FA_REQUIRED_ROLES and not base.RSD_2FA_REQUIRED_FOR_SUPERUSERS
