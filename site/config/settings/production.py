"""Production: PostgreSQL, Redis, HTTPS, static files through WhiteNoise.

Everything specific to a deployment comes from the environment; see README.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")

# Keep database connections open between requests: reconnecting on every
# request costs a PostgreSQL-backed page most of its throughput.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))

# Static files straight from the app servers, compressed and cached forever by name.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": STORAGES["private"],  # noqa: F405  (base.py: outside MEDIA_ROOT, never served)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Two-step verification is required of Management and of every superuser unless the
# deployment says otherwise (README: "Two-step verification").
RSD_2FA_REQUIRED_ROLES = env_list("RSD_2FA_REQUIRED_ROLES", "Management")
RSD_2FA_REQUIRED_FOR_SUPERUSERS = env_bool("RSD_2FA_REQUIRED_FOR_SUPERUSERS", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's page and snippet previews load the site in a same-origin frame.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # SAMEORIGIN, not DENY: see above
    "security.W021",  # HSTS preload is a commitment each deployment opts into (SECURE_HSTS_PRELOAD)
]
