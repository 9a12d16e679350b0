"""Business commands on customers (P2.1). Admin views, demo data and tests call these.

Each function is a declared command (`workflows.core.commands`): the
permission the admin checks (add or change a customer) is checked again
before the function runs, inside its transaction, whoever calls it.
"""

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from workflows.consultations.models import Consultation
from workflows.core.commands import command
from workflows.core.records import history_entries

from .choices import CustomerKind
from .duplicates import find_possible_duplicates
from .exceptions import CustomerPossibleDuplicate, CustomerTaxNumberTaken
from .models import Customer, CustomerContact

__all__ = [
    "create_customer",
    "create_customer_from_consultation",
    "customer_from_consultation",
    "find_possible_duplicates",
    "update_customer",
]


def _duplicates_of(customer):
    contacts = list(customer.contacts.all())
    return find_possible_duplicates(
        phone=[customer.phone, *(c.phone for c in contacts)],
        email=[customer.email, *(c.email for c in contacts)],
        tax_number=customer.tax_number,
        exclude=customer,
    )


def _check_duplicates(customer, allow_duplicates):
    matches = _duplicates_of(customer)
    taken = [m for m in matches if m.same_tax_number]
    if taken:
        raise CustomerTaxNumberTaken(taken[0].customer)
    if matches and not allow_duplicates:
        raise CustomerPossibleDuplicate(matches)
    return matches


def _save(customer):
    customer.full_clean(exclude=["phone_digits"])
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError:
        # Someone registered the same tax number a moment ago.
        other = Customer.objects.filter(tax_number=customer.tax_number).first()
        if other is None:
            raise
        raise CustomerTaxNumberTaken(other) from None


@command(model=Customer, permission="customers.add_customer", creates=True)
def create_customer(customer, *, user, allow_duplicates=False):
    """Register a new customer with its contact people (P2.1).

    Never duplicated by accident: a customer with the same tax number is
    refused; one with the same phone number or email address raises
    `CustomerPossibleDuplicate` listing them, unless the user confirmed that
    this is a different customer (`allow_duplicates`).
    """
    _check_duplicates(customer, allow_duplicates)
    if customer.created_by_id is None:
        customer.created_by = user
    _save(customer)
    history_entries([customer], "wagtail.create", user=user)
    return customer


@command(model=Customer, permission="customers.change_customer")
def update_customer(customer, *, user, allow_duplicates=False):
    """Save corrected details; the same duplicate rules as when creating."""
    _check_duplicates(customer, allow_duplicates)
    _save(customer)
    log(customer, "wagtail.edit", user=user)
    return customer


def customer_from_consultation(consultation):
    """An unsaved customer prefilled from a consultation handed to Sales (P2.1).

    A consultation that names a company becomes a company customer with the
    person who asked as its contact; otherwise the person is the customer.
    """
    is_company = bool((consultation.company or "").strip())
    customer = Customer(
        kind=CustomerKind.COMPANY if is_company else CustomerKind.INDIVIDUAL,
        name=consultation.company.strip() if is_company else consultation.customer_name,
        phone=consultation.phone,
        email=consultation.email,
        source_consultation=consultation,
        notes=consultation.sales_need or consultation.question,
    )
    if is_company:
        customer.contacts = [
            CustomerContact(
                name=consultation.customer_name,
                phone=consultation.phone,
                email=consultation.email,
            )
        ]
    return customer


@command(
    model=Consultation,
    permission="customers.add_customer",
    name="customers.create_customer_from_consultation",
)
def create_customer_from_consultation(consultation, *, user, allow_duplicates=False, **details):
    """Sales registers the customer a consultation came from (P2.1).

    The details come from the consultation (`details` overrides them: a tax
    number, a corrected name) and the customer remembers the consultation.
    """
    customer = customer_from_consultation(consultation)
    for name, value in details.items():
        setattr(customer, name, value)
    return create_customer(customer, user=user, allow_duplicates=allow_duplicates)
