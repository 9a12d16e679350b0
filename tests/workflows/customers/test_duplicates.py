"""Never duplicated by accident (P2.1): which customers count as possibly the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workflows.customers.factories import CustomerContactFactory, CustomerFactory
from workflows.customers.duplicates import find_possible_duplicates
from workflows.customers.phones import phone_digits

pytestmark = pytest.mark.django_db


class TestPhoneDigits:
    @pytest.mark.parametrize(
        "typed",
        ["(02) 2345-6789", "02-2345-6789", "02 2345 6789", "+886 2 2345 6789", "+886-2-2345-6789"],
    )
    def test_the_same_number_typed_differently_has_the_same_digits(self, typed):
        assert phone_digits(typed) == "0223456789"

    def test_the_database_keeps_the_same_digits_as_python(self):
        customer = CustomerFactory(phone="+886 (2) 2345-6789")
        customer.refresh_from_db()
        assert customer.phone_digits == phone_digits("+886 (2) 2345-6789") == "0223456789"


class TestFindPossibleDuplicates:
    def test_nothing_given_finds_nothing(self):
        CustomerFactory(phone="", email="a@example.com")
        assert find_possible_duplicates() == []

    def test_the_same_phone_typed_differently_matches(self):
        customer = CustomerFactory(phone="(02) 2345-6789")
        CustomerFactory()

        matches = find_possible_duplicates(phone="02-2345-6789")

        assert [(m.customer, m.reasons) for m in matches] == [(customer, ("phone",))]

    def test_the_same_email_in_other_letters_matches(self):
        customer = CustomerFactory(email="Boss@Builder.example")

        matches = find_possible_duplicates(email="boss@builder.EXAMPLE")

        assert [(m.customer, m.reasons) for m in matches] == [(customer, ("email",))]

    def test_a_contact_persons_phone_or_email_matches_their_customer(self):
        contact = CustomerContactFactory(phone="0912-345-678", email="lin@site.example")

        by_phone = find_possible_duplicates(phone="0912 345 678")
        by_email = find_possible_duplicates(email="LIN@site.example")

        assert [m.customer for m in by_phone] == [contact.customer]
        assert [m.customer for m in by_email] == [contact.customer]

    def test_the_same_tax_number_matches_and_says_so(self):
        customer = CustomerFactory(tax_number="12345675")

        [match] = find_possible_duplicates(tax_number="12345675")

        assert match.customer == customer
        assert match.same_tax_number

    def test_every_reason_is_named(self):
        customer = CustomerFactory(
            tax_number="12345675", phone="02-2345-6789", email="a@example.com"
        )

        [match] = find_possible_duplicates(
            phone="0223456789", email="A@example.com", tax_number="12345675"
        )

        assert match.customer == customer
        assert match.reasons == ("tax_number", "phone", "email")
        assert [str(label) for label in match.reason_labels] == [
            "same tax number",
            "same phone number",
            "same email address",
        ]

    def test_several_values_match_any(self):
        first = CustomerFactory(phone="02-1111-1111")
        second = CustomerFactory(email="x@example.com")

        matches = find_possible_duplicates(
            phone=["", "02-1111-1111"], email=["x@example.com", None]
        )

        assert {m.customer for m in matches} == {first, second}

    def test_the_customer_being_edited_is_not_its_own_duplicate(self):
        customer = CustomerFactory(phone="02-2345-6789")

        assert find_possible_duplicates(phone="02-2345-6789", exclude=customer) == []
        assert find_possible_duplicates(phone="02-2345-6789", exclude=customer.pk) == []

    def test_empty_phone_and_email_never_match_customers_without_them(self):
        CustomerFactory(phone="", email="only@example.com")
        CustomerFactory(phone="02-2345-6789", email="")

        assert find_possible_duplicates(phone="", email="", tax_number="") == []

    def test_one_query_however_many_customers(self):
        for _ in range(30):
            CustomerContactFactory()
        with CaptureQueriesContext(connection) as queries:
            find_possible_duplicates(
                phone=["02-2700-0001", "0912-000001"],
                email=["office3@builder.example"],
                tax_number="10000004",
            )
        assert len(queries) == 1
