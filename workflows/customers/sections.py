"""The customer page's own section: the customer's consultations (P1, P2.1)."""

from django.db.models import Q
from django.db.models.functions import Lower

from workflows.consultations.models import Consultation

from .models import CustomerContact
from .phones import phone_digits_expression


def consultations_of(customer):
    """Consultations the customer was created from, or sent from one of its numbers or addresses.

    Phone numbers compare by their digits and email addresses without regard to
    case, against the customer's and its contact people's; one query.
    """
    contacts = CustomerContact.objects.filter(customer=customer)
    condition = Q(customers=customer)
    condition |= Q(digits__in=contacts.exclude(phone_digits="").values("phone_digits"))
    condition |= Q(
        email_lower__in=contacts.exclude(email="").annotate(e=Lower("email")).values("e")
    )
    if customer.phone_digits:
        condition |= Q(digits=customer.phone_digits)
    if customer.email:
        condition |= Q(email_lower=customer.email.lower())
    return (
        Consultation.objects.annotate(
            digits=phone_digits_expression("phone"), email_lower=Lower("email")
        )
        .filter(condition)
        .distinct()
        .order_by("-received_at", "-pk")
    )
