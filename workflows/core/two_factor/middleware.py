"""The guard in front of the admin: no admin page before the second step.

Installed after django-otp's `OTPMiddleware` (which marks a session verified once a
device accepted a code). For an admin URL and a logged-in user:

- with a confirmed device but an unverified session: sent to the verification page;
- without a device, where their role requires one: sent to the enrolment page;
- everyone else passes untouched.

Logging in and out, the verification and enrolment pages themselves and the admin's
static helpers (translations catalogue, icon sprite) stay reachable.
"""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from . import has_device, is_verified, required_for

VERIFY = "core_two_factor_verify"
ENROL = "core_two_factor"

ALWAYS_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    VERIFY,
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.guard(request) or self.get_response(request)

    def guard(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            name = None
        if name in ALWAYS_ALLOWED:
            return None
        if has_device(user):
            if is_verified(user):
                return None
            return self.send_to(VERIFY, request)
        if name == ENROL or not required_for(user):
            return None
        return self.send_to(ENROL, request)

    def send_to(self, name, request):
        url = reverse(name)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
