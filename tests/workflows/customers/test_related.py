"""The customer page shows what each process knows about the customer (issue item 1)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import ConsultationFactory
from tests.workflows.customers.factories import CustomerContactFactory, CustomerFactory
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.customers.related import (
    customer_sections,
    register_customer_section,
    unregister_customer_section,
)
from workflows.customers.sections import consultations_of

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_customers_customer"


class TestConsultationsOfACustomer:
    def test_the_one_it_was_created_from(self):
        consultation = ConsultationFactory(phone="0900-000-001", email="")
        customer = CustomerFactory(source_consultation=consultation, email="x@example.com")

        assert list(consultations_of(customer)) == [consultation]

    def test_by_phone_typed_otherwise_or_email_in_other_letters(self):
        customer = CustomerFactory(phone="(02) 2345-6789", email="Boss@Site.example")
        by_phone = ConsultationFactory(phone="02 2345 6789", email="")
        by_email = ConsultationFactory(phone="0900-000-000", email="boss@site.EXAMPLE")
        ConsultationFactory(phone="0900-000-001", email="other@example.com")

        assert set(consultations_of(customer)) == {by_phone, by_email}

    def test_by_a_contact_persons_phone_or_email(self):
        contact = CustomerContactFactory(phone="0912-345-678", email="lin@site.example")
        by_phone = ConsultationFactory(phone="+886 912 345 678", email="")
        by_email = ConsultationFactory(phone="0900-000-000", email="LIN@site.example")

        assert set(consultations_of(contact.customer)) == {by_phone, by_email}

    def test_a_customer_without_phone_does_not_match_consultations_without_phone(self):
        customer = CustomerFactory(phone="", email="only@site.example")
        ConsultationFactory(phone="", email="someone@example.com")

        assert list(consultations_of(customer)) == []

    def test_each_consultation_once(self):
        customer = CustomerFactory(phone="02-2345-6789", email="a@site.example")
        CustomerContactFactory(customer=customer, phone="02-2345-6789", email="a@site.example")
        consultation = ConsultationFactory(phone="02-2345-6789", email="a@site.example")
        customer.source_consultation = consultation
        customer.save()

        assert list(consultations_of(customer)) == [consultation]


class TestTheCustomerPage:
    def test_shows_the_consultations_with_links(self, client, sales):
        customer = CustomerFactory(phone="02-2345-6789")
        consultation = ConsultationFactory(phone="02-2345-6789", subject="發電機詢價")
        client.force_login(sales)

        response = client.get(reverse(f"{VIEWS}:inspect", args=[customer.pk]))

        page = BeautifulSoup(response.content, "html.parser")
        section = page.select_one('[data-section="Consultations"]')
        link = section.select_one("a")
        assert "發電機詢價" in link.text
        assert link["href"] == reverse(
            "wagtailsnippets_consultations_consultation:inspect", args=[consultation.pk]
        )

    def test_sections_a_role_may_not_see_are_left_out(self, client, staff):
        customer = CustomerFactory(phone="02-2345-6789")
        ConsultationFactory(phone="02-2345-6789", subject="發電機詢價")
        client.force_login(staff[roles.LEGAL])

        response = client.get(reverse(f"{VIEWS}:inspect", args=[customer.pk]))

        assert response.status_code == 200
        assert "發電機詢價" not in response.content.decode()

    def test_a_registered_section_shows_its_records(self, client, sales):
        customer = CustomerFactory()
        consultation = ConsultationFactory(subject="特別的紀錄")
        register_customer_section(
            "Plans",
            lambda c: Consultation.objects.filter(pk=consultation.pk),
            lambda record: f"/admin/plans/{record.pk}/",
            order=20,
        )
        try:
            client.force_login(sales)
            response = client.get(reverse(f"{VIEWS}:inspect", args=[customer.pk]))
        finally:
            unregister_customer_section("Plans")

        section = BeautifulSoup(response.content, "html.parser").select_one(
            '[data-section="Plans"]'
        )
        assert section.select_one("a")["href"] == f"/admin/plans/{consultation.pk}/"
        assert "特別的紀錄" in section.text
        assert "Received" in section.text  # the record's state


class TestTheRegistry:
    def test_sections_come_in_their_order_and_only_with_permission(self, sales, staff):
        register_customer_section("Zeta", lambda c: [], None, order=5)
        register_customer_section("Secret", lambda c: [], None, order=6, permission="no.perm")
        try:
            labels = [str(s.label) for s in customer_sections(sales)]
            everything = [str(s.label) for s in customer_sections()]
        finally:
            unregister_customer_section("Zeta")
            unregister_customer_section("Secret")

        assert labels[0] == "Zeta"
        assert "Secret" not in labels
        assert "Secret" in everything

    def test_registering_a_label_again_replaces_it(self):
        register_customer_section("Twice", lambda c: [], None)
        register_customer_section("Twice", lambda c: [], None, order=1)
        try:
            twice = [s for s in customer_sections() if str(s.label) == "Twice"]
        finally:
            unregister_customer_section("Twice")
        assert len(twice) == 1
        assert twice[0].order == 1

    def test_more_than_the_limit_is_cut_and_said(self):
        customer = CustomerFactory()
        for _ in range(3):
            ConsultationFactory()
        register_customer_section("Limited", lambda c: Consultation.objects.all(), None, limit=2)
        try:
            [section] = [s for s in customer_sections() if str(s.label) == "Limited"]
            rows, more = section.rows(customer)
        finally:
            unregister_customer_section("Limited")
        assert len(rows) == 2
        assert more
