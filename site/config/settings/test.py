"""Tests: fast hashing, inline tasks, email kept in memory."""

import os
import uuid

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
# The demo accounts' password (printed by `make run`) works here only.
DEMO_LOGINS_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Parallel test workers (pytest-xdist) and other test runs may share one Redis database: each
# keeps its keys under its own prefix, and the suite clears only those (tests/conftest.py).
_cache = dict(CACHES["default"])  # noqa: F405
if _cache["BACKEND"].endswith(".RedisCache"):
    _run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    _cache["KEY_PREFIX"] = f"rsd-test-{_run[:12]}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    CACHES = {"default": _cache}

# Two-step verification is required of nobody unless a test says so.
RSD_2FA_REQUIRED_ROLES = []
RSD_2FA_REQUIRED_FOR_SUPERUSERS = False
