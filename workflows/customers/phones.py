"""Phone numbers compared by their digits, so that "(02) 2345-6789" and "02-2345-6789" match.

The same normalisation runs in Python (`phone_digits`) and in the database
(`phone_digits_expression`, a generated column on customers and contacts, and an
annotation on consultations), so that duplicate warnings and the customer page
find the same people whichever way the number was typed.
"""

from django.db.models import F, Value
from django.db.models.functions import Replace

#: Taiwan's country code written as the trunk prefix: +886 2 ... is 02 ...
COUNTRY_PREFIX = ("+886", "0")
SEPARATORS = (" ", "-", "(", ")", ".")


def phone_digits(value):
    value = (value or "").strip().replace(*COUNTRY_PREFIX)
    for separator in SEPARATORS:
        value = value.replace(separator, "")
    return value


def phone_digits_expression(field_name):
    expression = Replace(F(field_name), Value(COUNTRY_PREFIX[0]), Value(COUNTRY_PREFIX[1]))
    for separator in SEPARATORS:
        expression = Replace(expression, Value(separator), Value(""))
    return expression
