"""SMS delivery through a pluggable backend (settings.SMS_BACKEND).

A provider's backend subclasses `BaseSmsBackend` and implements `send`; it
raises on failure so that the outbox records the error and retries.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("rsd.sms")


class BaseSmsBackend:
    def send(self, phone, text):
        raise NotImplementedError


class LogSmsBackend(BaseSmsBackend):
    """Writes each message to the log: the default until a provider is configured."""

    def send(self, phone, text):
        logger.info("SMS to %s: %s", phone, text)


class MemorySmsBackend(BaseSmsBackend):
    """Keeps messages in `outbox`, for tests."""

    outbox = []

    def send(self, phone, text):
        self.outbox.append((phone, text))


def get_backend():
    return import_string(settings.SMS_BACKEND)()
