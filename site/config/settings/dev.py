"""Development: SQLite, tasks run inline, email printed to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
ALLOWED_HOSTS = ["*"]
# The demo accounts' password (printed by `make run`) works here only.
DEMO_LOGINS_ALLOWED = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
