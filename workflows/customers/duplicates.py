"""Finding the customers someone may be about to create a second time (P2.1).

"Never duplicated by accident": before a customer is created or changed, the
customers with the same tax number, phone number or email address (on the
customer or on one of its contact people) are looked up in one query. The
same tax number is refused outright; the others only warn, because two
branches of one company may share a switchboard or a mailbox.
"""

from dataclasses import dataclass

from django.db.models import BooleanField as BooleanOutput
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .models import Customer, CustomerContact
from .phones import phone_digits

REASON_LABELS = {
    "tax_number": _("same tax number"),
    "phone": _("same phone number"),
    "email": _("same email address"),
}


@dataclass(frozen=True)
class DuplicateMatch:
    customer: Customer
    reasons: tuple  # codes of REASON_LABELS, in that order

    @property
    def same_tax_number(self):
        return "tax_number" in self.reasons

    @property
    def reason_labels(self):
        return [REASON_LABELS[code] for code in self.reasons]


def _values(value, normalise):
    values = [value] if isinstance(value, str) or value is None else list(value)
    return sorted({normalise(v) for v in values if v and normalise(v)})


def _is_true(condition):
    return ExpressionWrapper(condition, output_field=BooleanOutput())


def find_possible_duplicates(phone="", email="", tax_number="", exclude=None):
    """Customers sharing the tax number, a phone number or an email address given.

    `phone` and `email` are one value or several (the customer's own and its
    contact people's); phone numbers compare by their digits, email addresses
    without regard to case. `exclude` is the customer being edited. One query.
    """
    phones = _values(phone, phone_digits)
    emails = _values(email, lambda v: v.strip().lower())
    tax_number = (tax_number or "").strip()
    if not (phones or emails or tax_number):
        return []

    contacts = CustomerContact.objects.filter(customer=OuterRef("pk"))
    conditions = {}
    if tax_number:
        conditions["tax_number"] = Q(tax_number=tax_number)
    if phones:
        conditions["phone"] = Q(phone_digits__in=phones) | Q(
            Exists(contacts.filter(phone_digits__in=phones))
        )
    if emails:
        lowered = contacts.annotate(email_lower=Lower("email"))
        conditions["email"] = Q(email_lower__in=emails) | Q(
            Exists(lowered.filter(email_lower__in=emails))
        )

    any_condition = Q()
    for condition in conditions.values():
        any_condition |= condition
    queryset = (
        Customer.objects.annotate(email_lower=Lower("email"))
        .annotate(**{f"same_{code}": _is_true(c) for code, c in conditions.items()})
        .filter(any_condition)
        .order_by("name", "pk")
    )
    if exclude is not None and getattr(exclude, "pk", exclude) is not None:
        queryset = queryset.exclude(pk=getattr(exclude, "pk", exclude))

    return [
        DuplicateMatch(
            customer=customer,
            reasons=tuple(
                code for code in REASON_LABELS if getattr(customer, f"same_{code}", False)
            ),
        )
        for customer in queryset
    ]
