"""The outbox: every message kept as proof, read-only for everyone, administrators included."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import ConsultationFactory
from workflows.core import roles
from workflows.core.choices import MessageChannel
from workflows.core.models import OutboundMessage
from workflows.core.notifications import queue_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages(cs, sales):
    """An in-app message to Customer Service and one to Sales, and a recorded customer reply."""
    consultation = ConsultationFactory()

    def message(key, **kwargs):
        return queue_message(
            template="consultations/acknowledgement",
            context={"consultation": consultation},
            record=consultation,
            dedupe_key=f"test:{key}",
            **kwargs,
        )

    return {
        "cs": message("cs", channel=MessageChannel.IN_APP, user=cs),
        "sales": message("sales", channel=MessageChannel.IN_APP, user=sales),
        "customer": message(
            "customer", channel=MessageChannel.RECORDED, address="0912-000-000", name="林先生"
        ),
    }


def listed(client, user):
    """The messages the outbox listing shows to `user`, by pk."""
    client.force_login(user)
    response = client.get(reverse("outbox:index"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    inspect_prefix = reverse("outbox:inspect", args=[0])[:-2]
    return {
        int(link["href"].rstrip("/").rsplit("/", 1)[1])
        for link in soup.select("a[href]")
        if link["href"].startswith(inspect_prefix)
    }


class TestTheOutboxIsReadOnly:
    def test_a_superuser_may_not_add_a_message(self, client, staff, messages):
        client.force_login(staff["admin"])

        get = client.get(reverse("outbox:add"))
        post = client.post(reverse("outbox:add"), {})

        assert get.status_code == 403
        assert post.status_code == 403
        assert OutboundMessage.objects.count() == 3

    def test_a_superuser_may_not_edit_a_message(self, client, staff, messages):
        message = messages["customer"]
        client.force_login(staff["admin"])
        url = reverse("outbox:edit", args=[message.pk])

        get = client.get(url)
        post = client.post(url, {"subject": "changed", "body": "changed"})

        assert get.status_code == 403
        assert post.status_code == 403
        stored = OutboundMessage.objects.get(pk=message.pk)
        assert (stored.subject, stored.body) == (message.subject, message.body)

    def test_a_superuser_may_not_delete_a_message(self, client, staff, messages):
        message = messages["customer"]
        client.force_login(staff["admin"])
        url = reverse("outbox:delete", args=[message.pk])

        get = client.get(url)
        post = client.post(url)

        assert get.status_code == 403
        assert post.status_code == 403
        assert OutboundMessage.objects.filter(pk=message.pk).exists()

    def test_the_bulk_delete_action_deletes_nothing(self, client, staff, messages):
        client.force_login(staff["admin"])
        url = reverse("wagtail_bulk_action", args=["core", "outboundmessage", "delete"])

        ids = "&".join(f"id={m.pk}" for m in messages.values())
        response = client.post(f"{url}?{ids}")

        assert response.status_code in (302, 403, 404)
        assert OutboundMessage.objects.count() == 3

    def test_a_superuser_reads_every_message(self, client, staff, messages):
        assert listed(client, staff["admin"]) == {m.pk for m in messages.values()}

    def test_the_listing_offers_no_add_edit_or_delete(self, client, staff, messages):
        client.force_login(staff["admin"])

        response = client.get(reverse("outbox:index"))

        for name in ["edit", "delete"]:
            assert reverse(f"outbox:{name}", args=[messages["cs"].pk]) not in response.text
        assert reverse("outbox:add") not in response.text


class TestWhoSeesWhichMessages:
    def test_sales_sees_only_its_own_messages(self, client, sales, messages):
        assert listed(client, sales) == {messages["sales"].pk}

    def test_sales_cannot_open_someone_elses_message(self, client, sales, messages):
        client.force_login(sales)

        mine = client.get(reverse("outbox:inspect", args=[messages["sales"].pk]))
        theirs = client.get(reverse("outbox:inspect", args=[messages["cs"].pk]))

        assert mine.status_code == 200
        assert theirs.status_code == 404

    @pytest.mark.parametrize("role", [roles.CUSTOMER_SERVICE, roles.SUPERVISION, roles.MANAGEMENT])
    def test_customer_service_and_management_see_every_message(self, client, staff, messages, role):
        assert listed(client, staff[role]) == {m.pk for m in messages.values()}

    def test_marketing_has_no_outbox(self, client, staff, messages):
        client.force_login(staff[roles.MARKETING])

        response = client.get(reverse("outbox:index"))

        assert response.status_code in (302, 403)
