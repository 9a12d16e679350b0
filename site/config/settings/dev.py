"""Development: SQLite, tasks run inline, email printed to the console."""

import os
import sys

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
ALLOWED_HOSTS = ["*"]
# The demo accounts' password (printed by `make run`) works here only.
DEMO_LOGINS_ALLOWED = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def running_address(argv=None, environ=None):
    """The address `runserver` serves on: its `[addr:]port` argument, else RSD_HOST and
    RSD_PORT from the environment (`make run` passes them), else Django's 127.0.0.1:8000.
    A server listening on every interface is linked to as 127.0.0.1."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    host = environ.get("RSD_HOST") or "127.0.0.1"
    port = environ.get("RSD_PORT") or "8000"
    if "runserver" in argv:
        args = [a for a in argv[argv.index("runserver") + 1 :] if not a.startswith("-")]
        if args:
            given_host, _, given_port = args[0].rpartition(":")
            host, port = given_host or host, given_port
    if host in ("0.0.0.0", "::", "[::]", ""):  # noqa: S104 (read, not bound)
        host = "127.0.0.1"
    return f"http://{host}:{port}"


# Links in notifications point at the server as it runs (PORT=8101 → :8101).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or running_address()
