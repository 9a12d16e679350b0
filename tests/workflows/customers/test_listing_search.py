"""Searching the customer listing works together with its filter and sort order."""

import pytest
from django.urls import reverse

from tests.workflows.customers.factories import CustomerFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_customers_customer:list"


@pytest.mark.parametrize(
    "query",
    [
        {"q": "北辰", "kind": "company"},
        {"q": "北辰", "ordering": "-name"},
        {"q": "24536801"},
    ],
)
def test_customers_searched_filtered_and_sorted(client, sales, query):
    CustomerFactory(name="北辰工程有限公司", tax_number="24536801")
    CustomerFactory(name="南港機電工程行")
    client.force_login(sales)

    response = client.get(reverse(LIST), query)

    assert response.status_code == 200
    assert "北辰工程有限公司" in response.content.decode()
    assert "南港機電工程行" not in response.content.decode()
