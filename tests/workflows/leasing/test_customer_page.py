"""The customer page lists the requirements, plans and contracts (leasing issue, item 1)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_customer_page_lists_plans_and_contracts(client, staff, make_contract):
    contract = make_contract()
    client.force_login(staff["Sales"])
    response = client.get(
        reverse("wagtailsnippets_customers_customer:inspect", args=[contract.customer_id])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert contract.number in page
    assert contract.plan.reference in page
