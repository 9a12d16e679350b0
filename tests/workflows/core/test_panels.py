"""The admin home (DESIGN.md step 6): what waits for me, oldest deadline first, and my messages."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConsultationFactory, UserFactory
from workflows.consultations import services
from workflows.core import roles
from workflows.core.choices import MessageChannel
from workflows.core.models import OutboundMessage
from workflows.core.notifications import queue_message

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def queue_of(client, user):
    """The records in the user's work queue, top to bottom."""
    panel = home(client, user).select_one("#work-queue-content")
    assert panel is not None
    return [link.get_text(strip=True) for link in panel.select("[data-queue] td.title a")]


@pytest.fixture
def received(db):
    """Three received consultations, created in an order unlike their deadlines."""
    now = timezone.now()
    return {
        "later": ConsultationFactory(due_at=now + timedelta(hours=5)),
        "overdue": ConsultationFactory(due_at=now - timedelta(hours=2)),
        "soon": ConsultationFactory(due_at=now + timedelta(hours=1)),
    }


@pytest.fixture
def handed(cs, sales):
    return services.hand_to_sales(
        ConsultationFactory(), user=cs, salesperson=sales, sales_need="20 噸挖土機"
    )


class TestTheWorkQueue:
    def test_customer_service_sees_received_ones_oldest_deadline_first(self, client, cs, received):
        assert queue_of(client, cs) == [
            str(received["overdue"]),
            str(received["soon"]),
            str(received["later"]),
        ]

    def test_an_overdue_one_is_marked(self, client, cs, received):
        panel = home(client, cs).select_one("#work-queue-content")
        rows = {row.select_one("a").get_text(strip=True): row for row in panel.select("tbody tr")}

        assert rows[str(received["overdue"])].select("[data-overdue]")
        assert not rows[str(received["soon"])].select("[data-overdue]")

    def test_each_row_links_to_the_record(self, client, cs, received):
        panel = home(client, cs).select_one("#work-queue-content")
        link = panel.select_one("[data-queue] td.title a")

        assert link["href"] == reverse(
            "wagtailsnippets_consultations_consultation:inspect", args=[received["overdue"].pk]
        )

    def test_a_handed_over_one_waits_only_for_its_salesperson(
        self, client, cs, sales, handed, received
    ):
        other_salesperson = UserFactory(username="sales_two", roles=[roles.SALES])

        assert queue_of(client, sales) == [str(handed)]
        assert queue_of(client, other_salesperson) == []
        assert str(handed) not in queue_of(client, cs)

    def test_an_answered_one_stays_until_it_is_closed(self, client, cs, received):
        answered = services.answer_consultation(received["soon"], user=cs, reply="好")
        assert str(answered) in queue_of(client, cs)  # still to be closed

        services.close_consultation(answered, user=cs)

        assert str(answered) not in queue_of(client, cs)

    @pytest.mark.parametrize("role", [roles.MARKETING, roles.MANAGEMENT, roles.LEGAL])
    def test_roles_that_move_no_consultation_see_nothing_waiting(
        self, client, staff, received, role
    ):
        panel = home(client, staff[role]).select_one("#work-queue-content")

        assert not panel.select("[data-queue]")
        assert "Nothing is waiting for you." in panel.get_text()

    def test_shows_at_most_ten_per_process_with_a_link_to_more(self, client, cs):
        for _ in range(12):
            ConsultationFactory()

        panel = home(client, cs).select_one("#work-queue-content")

        assert len(panel.select("[data-queue] tbody tr")) == 10
        assert "More…" in panel.get_text()


class TestMyMessages:
    def message(self, user, key, consultation):
        return queue_message(
            channel=MessageChannel.IN_APP,
            template="consultations/acknowledgement",
            context={"consultation": consultation},
            record=consultation,
            user=user,
            dedupe_key=f"test:{key}",
        )

    def test_shows_my_unread_in_app_messages_only(self, client, cs, sales):
        consultation = ConsultationFactory()
        mine = self.message(cs, "mine", consultation)
        self.message(sales, "theirs", consultation)
        read = self.message(cs, "read", consultation)
        OutboundMessage.objects.filter(pk=read.pk).update(read_at=timezone.now())

        panel = home(client, cs).select_one("#my-messages-content")

        forms = panel.select("form[action]")
        assert [form["action"] for form in forms] == [reverse("core_message_read", args=[mine.pk])]

    def test_marking_my_message_read_removes_it(self, client, cs):
        message = self.message(cs, "mine", ConsultationFactory())
        client.force_login(cs)

        response = client.post(reverse("core_message_read", args=[message.pk]))

        assert response.status_code == 302
        message.refresh_from_db()
        assert message.read_at is not None
        assert home(client, cs).select_one("#my-messages-content") is None

    def test_someone_elses_message_cannot_be_marked_read(self, client, cs, sales):
        message = self.message(sales, "theirs", ConsultationFactory())
        client.force_login(cs)

        response = client.post(reverse("core_message_read", args=[message.pk]))

        assert response.status_code == 404
        message.refresh_from_db()
        assert message.read_at is None

    def test_marking_read_needs_a_post(self, client, cs):
        message = self.message(cs, "mine", ConsultationFactory())
        client.force_login(cs)

        response = client.get(reverse("core_message_read", args=[message.pk]))

        assert response.status_code == 405
        message.refresh_from_db()
        assert message.read_at is None
