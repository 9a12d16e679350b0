"""Speed budgets (DESIGN.md): customer pages run as many queries for 50 records as for 1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ConsultationFactory
from tests.workflows.customers.factories import CustomerContactFactory, CustomerFactory
from workflows.consultations.models import Consultation
from workflows.customers.related import register_customer_section, unregister_customer_section

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_customers_customer"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.parametrize("who", ["Sales", "admin"])
def test_the_listing_does_not_grow_with_the_customers(client, staff, who):
    CustomerContactFactory()
    client.force_login(staff[who])
    url = reverse(f"{VIEWS}:list")
    client.get(url)

    one, _small = count_queries(client, url)
    for _ in range(49):
        CustomerContactFactory()
    fifty, large = count_queries(client, url)

    assert fifty == one
    assert large.content.decode().count("號股份有限公司") >= 20


@pytest.mark.parametrize("who", ["Sales", "admin"])
def test_the_customer_page_does_not_grow_with_what_it_shows(client, staff, who):
    customer = CustomerFactory(phone="02-2345-6789", email="boss@site.example")
    contact = CustomerContactFactory(customer=customer, phone="0912-000-111")
    client.force_login(staff[who])
    url = reverse(f"{VIEWS}:inspect", args=[customer.pk])

    def add(count):
        for i in range(count):
            ConsultationFactory(phone=[customer.phone, contact.phone, "0900-000-000"][i % 3])
            CustomerContactFactory(customer=customer)

    add(1)
    client.get(url)
    one, small = count_queries(client, url)
    add(49)
    fifty, large = count_queries(client, url)

    assert fifty == one
    assert large.content.decode().count("挖土機租賃詢價") > small.content.decode().count(
        "挖土機租賃詢價"
    )


def test_each_registered_section_is_one_query(client, staff):
    customer = CustomerFactory()
    client.force_login(staff["admin"])
    url = reverse(f"{VIEWS}:inspect", args=[customer.pk])
    client.get(url)
    before, _ = count_queries(client, url)

    register_customer_section(
        "Test section", lambda c: Consultation.objects.filter(customers=c), lambda r: ""
    )
    try:
        after, _ = count_queries(client, url)
    finally:
        unregister_customer_section("Test section")

    assert after == before + 1
