"""The customer page lists complaints to those who see every complaint, and to nobody else."""

import pytest
from django.urls import reverse

from tests.workflows.customers.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint_of_customer(make):
    return make(customer=CustomerFactory())


def page_for(client, user, customer_id):
    client.force_login(user)
    response = client.get(reverse("wagtailsnippets_customers_customer:inspect", args=[customer_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_customer_service_sees_the_customers_complaints(client, staff, complaint_of_customer):
    page = page_for(client, staff["Customer Service"], complaint_of_customer.customer_id)
    assert complaint_of_customer.reference in page


def test_sales_does_not(client, staff, complaint_of_customer):
    page = page_for(client, staff["Sales"], complaint_of_customer.customer_id)
    assert complaint_of_customer.reference not in page
