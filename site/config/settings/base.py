"""Settings shared by every environment.

Every secret and deployment choice comes from the environment; the defaults
are the zero-set-up ones (SQLite, local-memory cache, console email).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

SITE_ROOT = Path(__file__).resolve().parent.parent.parent  # the `site/` source root
BASE_DIR = SITE_ROOT.parent  # the repository


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps come first so that their templates and translations win.
    "home",
    "contact",
    "catalogue",
    "learning",
    "forms.apps.IntakeConfig",
    "workflows.core",
    "workflows.consultations",
    "workflows.customers",
    "workflows.fleet",
    "workflows.leasing",
    "workflows.handovers",
    "workflows.suggestions",
    "workflows.followups",
    "workflows.servicing",
    "workflows.complaints",
    "workflows.billing",
    "workflows.people",
    "workflows.quality",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    # Two-step verification for the admin (workflows/core/two_factor/)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-step verification: marks verified sessions, then keeps the admin closed until the
    # second step (workflows/core/two_factor/).
    "django_otp.middleware.OTPMiddleware",
    "workflows.core.two_factor.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Content-Security-Policy: no inline scripts on public pages (workflows/core/csp.py).
    "workflows.core.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite with no configuration, anything dj-database-url reads otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: rate limits must be shared by every process, so production sets REDIS_URL.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rsd",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Traditional Chinese by default, Simplified Chinese and English besides.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "zh-hant")
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
LANGUAGE_COOKIE_NAME = "rsd_language"
# The project's own catalogue, then the overlay of Wagtail's strings its catalogues leave in
# English (site/locale/overlay/README.md); both are read ahead of the installed apps'.
LOCALE_PATHS = [SITE_ROOT / "locale", SITE_ROOT / "locale" / "overlay"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Taipei")
USE_I18N = True
USE_TZ = True

# Money is Decimal with two places; the currency is a deployment choice.
CURRENCY = os.environ.get("CURRENCY", "TWD")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Complaint evidence and signed contract scans: outside MEDIA_ROOT, with no URL, served only
# through permission-checked views (workflows/core/private_files.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-files-are-not-served/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploaded evidence and scans: checked by content (workflows/core/uploads.py).
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", str(40_000_000)))

# Email
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "service@rental.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS goes through a pluggable backend; the default writes each message to the log.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "workflows.core.sms.LogSmsBackend")

# Background work: django-tasks. The database backend needs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Public forms: at most this many submissions per client address per window.
INTAKE_RATE_LIMIT = int(os.environ.get("INTAKE_RATE_LIMIT", "5"))
INTAKE_RATE_WINDOW_SECONDS = int(os.environ.get("INTAKE_RATE_WINDOW_SECONDS", "600"))
# Logins (workflows/core/auth.py): throttled per account and per address; the demo
# password works only where DEMO_LOGINS_ALLOWED (the development settings).
AUTHENTICATION_BACKENDS = ["workflows.core.auth.ThrottledModelBackend"]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "20"))
LOGIN_LOCK_SECONDS = int(os.environ.get("LOGIN_LOCK_SECONDS", "900"))
DEMO_LOGINS_ALLOWED = False
# Two-step verification (workflows/core/two_factor/): any staff user may turn it on; these
# roles (group names) and, if set, every superuser must. Nobody must by default; the
# production settings require it for Management and superusers.
RSD_2FA_REQUIRED_ROLES = env_list("RSD_2FA_REQUIRED_ROLES", "")
RSD_2FA_REQUIRED_FOR_SUPERUSERS = env_bool("RSD_2FA_REQUIRED_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Rental Service Desk")

# At most one acknowledgement per address (email or phone) per window, across all forms.
ACKNOWLEDGEMENT_WINDOW_SECONDS = int(os.environ.get("ACKNOWLEDGEMENT_WINDOW_SECONDS", "3600"))
# Phone numbers typed without a country code are read in this region (SMS to mobiles only).
PHONE_DEFAULT_REGION = os.environ.get("PHONE_DEFAULT_REGION", "TW")
# Behind a reverse proxy, the header that carries the client address (e.g. HTTP_X_FORWARDED_FOR).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# Wagtail
WAGTAIL_SITE_NAME = _("Rental Service Desk")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png"]
# One page tree per language (P9.1): Marketing writes in Traditional Chinese,
# reviews the Simplified Chinese made by OpenCC and translates the English.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "home.translation.OpenCCTranslator",
    "OPTIONS": {"config": "tw2sp"},
}
# A page translated with *Translate this page* starts as a draft, whatever the state of its
# source: Marketing reviews it and publishes it from the translation editor.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_COMMENTS_ENABLED = False
# Avatars are uploaded, never fetched from Gravatar (no staff email hashes leave the site).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Public pages may be cached by browsers and proxies for anonymous visitors.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300"))

LOGIN_URL = "wagtailadmin_login"
# The staff section's private pages send visitors to the one staff login, the admin's.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "rsd": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}
