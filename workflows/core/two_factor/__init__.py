"""Two-step verification for the admin, built on django-otp.

After the password, a user with a confirmed device enters a code from an authenticator
app (TOTP, `otp_totp`) or one of their one-time backup codes (`otp_static`) before any
admin page opens (`middleware.TwoFactorMiddleware`). Any staff user may enrol on the
*Two-step verification* page of their account; a user whose role is listed in
`RSD_2FA_REQUIRED_ROLES` (or any superuser, with `RSD_2FA_REQUIRED_FOR_SUPERUSERS`) is
sent to that page before anything else until they have enrolled. The production settings
require it for Management and superusers; development and tests require it of nobody.

Wrong codes are throttled by django-otp (each failure doubles the wait before the device
accepts another try); a code once accepted is never accepted again. A superuser resets a
user's devices (lost phone) from the user listing; the reset is logged in History.
"""

from django.conf import settings
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

#: How many one-time backup codes a user gets at enrolment (and on renewal).
BACKUP_CODE_COUNT = 10


def required_for(user):
    """Whether this user must verify with a second factor before using the admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and getattr(settings, "RSD_2FA_REQUIRED_FOR_SUPERUSERS", False):
        return True
    roles = set(getattr(settings, "RSD_2FA_REQUIRED_ROLES", ()))
    return bool(roles) and user.groups.filter(name__in=roles).exists()


def has_device(user):
    return user_has_device(user, confirmed=True)


def is_verified(user):
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_totp_device(user):
    """The authenticator device being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def new_backup_codes(user):
    """Replace the user's backup codes with fresh ones and return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(user):
    """Every device of the user, confirmed or not; returns how many there were."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
