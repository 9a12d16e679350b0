"""Cell values as people type them: full-width digits, ROC dates, NT$ amounts, phone numbers.

Every parser takes what a cell holds (text, a number, a date) and returns the
stored value, or raises `ValueError` with a message in the user's language
that names the expected format. The engine turns that message into a row
problem named by Excel row and column; nothing here may raise anything else.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

#: What a spreadsheet program reads as a formula when a cell starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Of those, what starts a formula in text a person typed (+ and - start phone numbers and
#: negative amounts).
FORMULA_TEXT_STARTS = ("=", "@")


#: Full-width digits, Latin letters and the ideographic space folded to ASCII. Chinese
#: punctuation (，（）) stays as written: it is part of names and addresses. Codes, numbers,
#: dates and phones get full NFKC in their parsers.
WIDTH_FOLD = {
    **{code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)},
    **{code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)},
    **{code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)},
    0x3000: 0x20,
}


class FormulaText(ValueError):
    """Text that a spreadsheet program would run as a formula."""


def normalise_text(value):
    """Full-width digits and letters as ASCII, trimmed; the export's apostrophe removed.

    An export writes `'=...` or `'+886...` so that a spreadsheet shows it as typed
    (core.exports.neutralise): that apostrophe is not part of the value. Text that
    would start a formula without it is refused (FormulaText).
    """
    if not isinstance(value, str):
        return value
    text = value.translate(WIDTH_FOLD)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:].strip() or None
    text = text.strip()
    if unicodedata.normalize("NFKC", text[:1]).startswith(FORMULA_TEXT_STARTS):
        raise FormulaText(
            _(
                "“%(value)s” starts like a formula. Type the value itself, or start the "
                "cell with an apostrophe (') if it is meant as text."
            )
            % {"value": text[:40]}
        )
    return text or None


MONEY_NOISE = re.compile(r"(?i)^(?:nt\$|ntd|twd|新台幣|新臺幣|\$)|(?:元整|元|ntd|twd)$")


def parse_decimal(value, *, money=False):
    """4200, "4,200", "NT$1,800", "1800 元", "１８００" → Decimal; "面議" → ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(_expected_amount(value, money))
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    cleaned = text
    for _i in range(2):
        cleaned = MONEY_NOISE.sub("", cleaned.strip())
    cleaned = cleaned.replace(",", "").replace(" ", "")
    try:
        number = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        raise ValueError(_expected_amount(text, money)) from None
    if not number.is_finite():
        raise ValueError(_expected_amount(text, money))
    return number


def _expected_amount(value, money):
    if money:
        return _("“%(value)s” is not an amount. Expected a number such as 4200 or NT$4,200.") % {
            "value": value
        }
    return _("“%(value)s” is not a number. Expected a number such as 30.") % {"value": value}


def parse_integer(value):
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(
            _("“%(value)s” is not a whole number. Expected a number such as 30.") % {"value": value}
        )
    return int(number)


DATE_FORMATS = "2025/10/20, 2025-10-20, 114/10/20, 民國114年10月20日"
DATE_PATTERN = re.compile(
    r"^(?:民國|民国)?\s*(?P<year>\d{2,4})\s*(?:[/\-.年])\s*(?P<month>\d{1,2})\s*(?:[/\-.月])"
    r"\s*(?P<day>\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_date(value):
    """Excel date cells, yyyy/mm/dd, yyyy-mm-dd, ROC years (115/11/29, 民國115年11月29日)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A date cell whose number format was lost: days since 1899-12-30.
        if 1 <= value <= 2958465:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(_expected_date(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = DATE_PATTERN.match(text)
    if not match:
        raise ValueError(_expected_date(text))
    year, month, day = (int(match[name]) for name in ("year", "month", "day"))
    roc = text.startswith(("民國", "民国")) or year < 1000
    if roc:
        year += 1911
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_expected_date(text)) from None


def _expected_date(value):
    return _("“%(value)s” is not a date. Expected for example %(formats)s.") % {
        "value": value,
        "formats": DATE_FORMATS,
    }


def phone_region():
    """The region of numbers typed without a country code (settings.PHONE_DEFAULT_REGION)."""
    return getattr(settings, "PHONE_DEFAULT_REGION", "TW")


def parse_phone(value):
    """A phone number in E.164 (+886227001234), whatever way it was typed.

    A number cell that lost its leading zero (227001234) is read as a national
    number. An extension stays, after "#".
    """
    import phonenumbers

    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        number = phonenumbers.parse(text, phone_region())
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValueError(
            _(
                "“%(value)s” is not a phone number. Expected for example 02 2700 1234 "
                "or 0912 345 678."
            )
            % {"value": text}
        )
    stored = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        stored += f"#{number.extension}"
    return stored


def format_phone(value):
    """How a stored phone number is shown: the local format for local numbers."""
    import phonenumbers

    if not value:
        return value
    main, _sep, extension = str(value).partition("#")
    try:
        number = phonenumbers.parse(main, phone_region())
    except phonenumbers.NumberParseException:
        return value
    if phonenumbers.region_code_for_number(number) == phone_region():
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return f"{shown} #{extension}" if extension else shown


def parse_fixed_digits(value, length, *, label, example):
    """A code of `length` digits that a spreadsheet turned into a number: zeros put back."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**length:
        return f"{value:0{length}d}"
    text = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", str(value)))
    if not (text.isdigit() and len(text) == length):
        raise ValueError(
            _(
                "“%(value)s” is not a %(label)s. Expected %(length)s digits, "
                "for example %(example)s."
            )
            % {"value": value, "label": label, "length": length, "example": example}
        )
    return text


class ChecksumError(ValueError):
    """Eight digits whose check digit is wrong; `.value` is the digits."""

    def __init__(self, value, message):
        self.value = value
        super().__init__(message)


def parse_tax_number(value):
    """Taiwan's unified business number (統一編號): 8 digits and a correct check digit."""
    from stdnum.tw import ubn

    text = parse_fixed_digits(
        value, 8, label=_("unified business number"), example=TAX_NUMBER_EXAMPLE
    )
    if text and not ubn.is_valid(text):
        raise ChecksumError(
            text,
            _(
                "“%(value)s” is not a valid unified business number: its check digit is "
                "wrong. Check the eight digits."
            )
            % {"value": text},
        )
    return text


TAX_NUMBER_EXAMPLE = "04595257"
