"""Logging in: throttled per account and per address, and no demo password outside development.

`ThrottledModelBackend` is the project's one authentication backend (settings
AUTHENTICATION_BACKENDS), so the admin login and any other login go through it:

- After `LOGIN_FAILURE_LIMIT` failed attempts on one username, or
  `LOGIN_FAILURE_LIMIT_PER_ADDRESS` from one client address, within
  `LOGIN_LOCK_SECONDS`, further attempts are refused without checking the password
  until the window ends (counted in the shared cache, Redis in production). A success
  clears the account's count.
- The demo accounts' password (`DEMO_PASSWORD`, printed by `make run`) logs nobody in
  unless `DEMO_LOGINS_ALLOWED` is set, which only the development settings do; the
  deploy check `core.E020` refuses production while a demo account still has it.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

#: The demo accounts' password (fixtures/demo.py); it works with the development settings only.
DEMO_PASSWORD = "rental-demo-2026"  # noqa: S105


def _client_address(request):
    if request is None:
        return ""
    from forms.safety import client_ip

    return client_ip(request)


def _key(kind, value):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _limits():
    return {
        "account": getattr(settings, "LOGIN_FAILURE_LIMIT", 5),
        "address": getattr(settings, "LOGIN_FAILURE_LIMIT_PER_ADDRESS", 20),
    }


def _keys(request, username):
    keys = {"account": _key("account", username or "")}
    address = _client_address(request)
    if address:
        keys["address"] = _key("address", address)
    return keys


def is_locked(request, username):
    limits = _limits()
    return any(
        (cache.get(key) or 0) >= limits[kind] for kind, key in _keys(request, username).items()
    )


def record_failure(request, username):
    window = getattr(settings, "LOGIN_LOCK_SECONDS", 900)
    for key in _keys(request, username).values():
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)


def clear_failures(username):
    cache.delete(_key("account", username or ""))


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if is_locked(request, username):
            # Stops every backend: Django answers "wrong username or password".
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and password == DEMO_PASSWORD and not settings.DEMO_LOGINS_ALLOWED:
            user = None
        if user is None:
            record_failure(request, username)
            return None
        clear_failures(username)
        return user


@checks.register(checks.Tags.security, deploy=True)
def check_no_demo_password(app_configs=None, **kwargs):
    """Production refuses to start while a demo account can log in with the demo password."""
    if settings.DEMO_LOGINS_ALLOWED:
        return []
    from django.db import DatabaseError

    try:
        from fixtures.demo import USERS

        usernames = [row[0] for row in USERS]
        users = list(get_user_model().objects.filter(username__in=usernames, is_active=True))
    except (ImportError, DatabaseError):
        return []
    exposed = [user.get_username() for user in users if user.check_password(DEMO_PASSWORD)]
    if not exposed:
        return []
    return [
        checks.Error(
            "Demo accounts still have the demo password: " + ", ".join(sorted(exposed)),
            hint="Delete these accounts or give them real passwords (manage.py changepassword).",
            id="core.E020",
        )
    ]
