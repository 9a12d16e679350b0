"""The production settings as two app servers run them behind a proxy, for the multi-server test.

Everything is production (DEBUG off, PostgreSQL, Redis, database task queue,
secure cookies, HTTPS assumed through X-Forwarded-Proto) except static files:
`collectstatic` is a deploy step and not what this test is about, so templates
resolve static URLs without the manifest.
"""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each email the servers and workers send is written to a file of this folder, to be counted.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["RSD_TEST_MAIL_DIR"]
