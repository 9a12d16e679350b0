"""Handovers in the admin: work sheets, transitions by POST, refusals, printing, listings."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.workflows.handovers.factories import DeliveryFactory
from workflows.core import roles
from workflows.handovers.choices import ChecklistKind
from workflows.handovers.choices import DeliveryState as S
from workflows.handovers.models import ChecklistItem, Delivery

from .conftest import accept_everything, tick_all
from .factories import drawn_signature
from .helpers import fresh, history

pytestmark = pytest.mark.django_db

DELIVERIES = "wagtailsnippets_handovers_delivery"
OTHER_ROLES = [r for r in roles.ROLE_PERMISSIONS if r != roles.AFTER_SALES]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def sheet(delivery):
    return reverse("handovers_delivery_sheet", args=[delivery.pk])


class TestTheWorkSheet:
    def test_ticking_by_post_names_the_person(self, client, make_delivery, after_sales):
        delivery = make_delivery()
        item = ChecklistItem.objects.filter(
            delivery_unit__delivery=delivery, kind=ChecklistKind.CLEANED
        ).first()
        client.force_login(after_sales)

        response = client.post(sheet(delivery), {"action": "tick", "item": item.pk})

        assert response.status_code == 302
        item.refresh_from_db()
        assert item.ticked_by == after_sales
        page = client.get(sheet(delivery))
        assert "after_sales" in page.content.decode() or after_sales.get_full_name() in (
            page.content.decode()
        )

    @pytest.mark.parametrize("role", [roles.SALES, roles.FINANCE])
    def test_another_role_is_refused_by_post(self, client, make_delivery, staff, role):
        delivery = make_delivery()
        item = ChecklistItem.objects.filter(delivery_unit__delivery=delivery).first()
        client.force_login(staff[role])

        response = client.post(sheet(delivery), {"action": "tick", "item": item.pk})

        assert response.status_code == 403
        item.refresh_from_db()
        assert item.ticked_at is None

    def test_a_user_who_may_not_see_deliveries_gets_403(self, client, make_delivery):
        delivery = make_delivery()
        client.force_login(UserFactory(is_staff=True, roles=[roles.HR]))
        assert client.get(sheet(delivery)).status_code == 403

    def test_a_drawn_signature_is_stored(self, client, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        client.force_login(after_sales)
        response = client.post(
            sheet(delivery),
            {"action": "sign", "side": "customer", "name": "林大明", "image": drawn_signature()},
        )
        assert response.status_code == 302
        signature = delivery.signatures.get()
        assert signature.name == "林大明" and signature.image
        image = client.get(reverse("handovers_file", args=["signature", signature.pk]))
        assert image.status_code == 200


class TestTransitionsByPost:
    def test_dispatch_refused_with_an_unticked_item_names_it(
        self, client, make_delivery, after_sales
    ):
        delivery = make_delivery()
        client.force_login(after_sales)

        response = client.post(
            reverse(f"{DELIVERIES}:transition", args=[delivery.pk, "dispatch"]),
            {"from_state": S.SCHEDULED},
            follow=True,
        )

        assert fresh(delivery).state == S.SCHEDULED
        assert "Cleaned" in response.content.decode()

    @pytest.mark.parametrize("role", OTHER_ROLES)
    def test_every_other_role_is_refused_dispatch(
        self, client, make_delivery, after_sales, staff, role
    ):
        delivery = make_delivery()
        tick_all(delivery, after_sales)
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{DELIVERIES}:transition", args=[delivery.pk, "dispatch"]),
            {"from_state": S.SCHEDULED},
        )

        assert response.status_code == 403
        assert fresh(delivery).state == S.SCHEDULED
        assert "handovers.dispatch" not in history(delivery)

    def test_the_demonstration_form_asks_who_attended(self, client, make_delivery, after_sales):
        delivery = make_delivery(S.DISPATCHED)
        client.force_login(after_sales)
        url = reverse(f"{DELIVERIES}:transition", args=[delivery.pk, "demonstrate"])
        assert soup(client.get(url)).select_one('textarea[name="attendees"]') is not None

        client.post(url, {"from_state": S.DISPATCHED, "attendees": "林大明"})

        assert fresh(delivery).state == S.DEMONSTRATED


class TestPrinting:
    def test_two_copies_with_both_signatures(self, client, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        accept_everything(delivery, after_sales)
        client.force_login(after_sales)

        page = soup(client.get(reverse("handovers_delivery_print", args=[delivery.pk])))

        copies = page.select("[data-copy]")
        assert len(copies) == 2
        marks = [c.select_one(".copy-mark").get_text(strip=True) for c in copies]
        assert len(set(marks)) == 2
        for copy in copies:
            assert len(copy.select("[data-print-signature]")) == 2


class TestListing:
    def test_queries_do_not_grow_with_rows(self, client, staff):
        client.force_login(staff["admin"])
        url = reverse(f"{DELIVERIES}:list")
        DeliveryFactory()

        def count():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        one = count()
        for _ in range(10):
            DeliveryFactory()
        assert count() == one
        assert Delivery.objects.count() == 11


class TestContractAndCustomerPages:
    def test_the_contract_page_shows_its_handovers(self, client, make_delivery, after_sales):
        delivery = make_delivery()
        client.force_login(after_sales)
        response = client.get(
            reverse("wagtailsnippets_leasing_contract:inspect", args=[delivery.contract_id])
        )
        section = soup(response).select_one("[data-contract-handovers]")
        assert section is not None and delivery.reference in section.get_text()

    def test_the_customer_page_lists_deliveries(self, client, make_delivery, after_sales):
        delivery = make_delivery()
        client.force_login(after_sales)
        response = client.get(
            reverse(
                "wagtailsnippets_customers_customer:inspect", args=[delivery.contract.customer_id]
            )
        )
        assert delivery.reference in response.content.decode()
