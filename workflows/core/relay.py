"""The public forms must not become a mail or SMS relay (issue: anyone could type any
address or number and have the company send it a message).

An acknowledgement to a visitor's address (templates named `<app>/acknowledgement…`)
goes out only when:

- its text echoes nothing the visitor typed (the templates name the reference and the
  tracking link only; tests/forms/test_relay.py reads every acknowledgement template);
- the address has had no acknowledgement from any form within
  `ACKNOWLEDGEMENT_WINDOW_SECONDS` (one cache key per normalised address);
- for SMS, the number parses as a real mobile number (phonenumbers, numbers without a
  country code read in `PHONE_DEFAULT_REGION`, TW by default).

Otherwise `queue_message` stores and sends nothing; the record itself is kept, and
staff answer it as usual.
"""

import hashlib
import logging

import phonenumbers
from django.conf import settings
from django.core.cache import cache

from .choices import MessageChannel

logger = logging.getLogger("rsd.notifications")

MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def is_acknowledgement(template):
    return template.rsplit("/", 1)[-1].startswith("acknowledgement")


def is_mobile_number(number, region=None):
    region = region or getattr(settings, "PHONE_DEFAULT_REGION", "TW")
    try:
        parsed = phonenumbers.parse(number or "", region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in MOBILE_TYPES


def normalise(channel, address):
    if channel == MessageChannel.SMS:
        try:
            parsed = phonenumbers.parse(address, getattr(settings, "PHONE_DEFAULT_REGION", "TW"))
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return address.strip()
    return address.strip().lower()


def may_acknowledge(channel, address):
    """Whether an acknowledgement may go to `address` now; takes the address's window."""
    if not address:
        return False
    if channel == MessageChannel.SMS and not is_mobile_number(address):
        logger.info("acknowledgement not sent: not a mobile number")
        return False
    digest = hashlib.sha256(normalise(channel, address).encode()).hexdigest()[:32]
    window = getattr(settings, "ACKNOWLEDGEMENT_WINDOW_SECONDS", 3600)
    if not cache.add(f"ack-window:{channel}:{digest}", 1, timeout=window):
        logger.info("acknowledgement not sent: one already went to this address recently")
        return False
    return True
