"""The periodic command (DESIGN.md step 5): overdue consultation replies are escalated once."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import ConsultationFactory, UserFactory
from workflows.consultations import services
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.choices import MessageChannel
from workflows.core.models import OutboundMessage, ServiceLevelSettings
from workflows.core.periodic import run_all

pytestmark = pytest.mark.django_db

PROMISED_HOURS = 4


@pytest.fixture
def promised(cs, channel):
    """A consultation whose reply was promised within PROMISED_HOURS from now."""
    return services.promise_reply(
        ConsultationFactory(channel=channel),
        user=cs,
        reply_due_at=timezone.now() + timedelta(hours=PROMISED_HOURS),
    )


@pytest.fixture
def lead(db):
    user = UserFactory(username="cs_lead", roles=[roles.CUSTOMER_SERVICE])
    settings = ServiceLevelSettings.load()
    settings.customer_service_lead = user
    settings.save()
    return user


def after_the_promise(hours=1):
    return (timezone.now() + timedelta(hours=PROMISED_HOURS + hours)).isoformat()


def escalations(consultation):
    return ModelLogEntry.objects.filter(object_id=str(consultation.pk), action="core.escalate")


def escalation_messages():
    return OutboundMessage.objects.filter(template="core/escalation")


def overdue_report(client, user):
    client.force_login(user)
    response = client.get(reverse("core_overdue_report"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("[data-overdue-report] a")]


class TestEscalatingAnOverduePromisedReply:
    def test_escalates_it_once_to_the_customer_service_lead(self, promised, lead, staff):
        call_command("run_periodic_jobs", "--now", after_the_promise())

        promised.refresh_from_db()
        assert promised.escalated_at is not None
        assert escalations(promised).count() == 1
        messages = escalation_messages()
        assert [(m.recipient_user, m.channel) for m in messages] == [(lead, MessageChannel.IN_APP)]
        assert promised.reference in messages[0].subject
        assert messages[0].record == promised

    def test_without_a_lead_every_active_customer_service_member_is_told(self, promised, cs, staff):
        colleague = UserFactory(username="cs_two", roles=[roles.CUSTOMER_SERVICE])
        UserFactory(username="cs_gone", roles=[roles.CUSTOMER_SERVICE], is_active=False)

        call_command("run_periodic_jobs", "--now", after_the_promise())

        recipients = {m.recipient_user for m in escalation_messages()}
        assert recipients == {cs, colleague}
        assert escalations(promised).count() == 1

    def test_running_it_again_changes_nothing(self, promised, lead):
        call_command("run_periodic_jobs", "--now", after_the_promise())
        promised.refresh_from_db()
        first_escalation = promised.escalated_at

        call_command("run_periodic_jobs", "--now", after_the_promise())
        call_command("run_periodic_jobs", "--now", after_the_promise(hours=30))

        promised.refresh_from_db()
        assert promised.escalated_at == first_escalation
        assert escalations(promised).count() == 1
        assert escalation_messages().count() == 1

    def test_a_promise_not_yet_due_is_untouched(self, promised, lead):
        call_command("run_periodic_jobs", "--now", after_the_promise(hours=-1))

        promised.refresh_from_db()
        assert promised.escalated_at is None
        assert not escalations(promised).exists()
        assert not escalation_messages().exists()

    def test_answered_handed_and_closed_ones_are_never_escalated(self, cs, sales, lead):
        answered = services.answer_consultation(ConsultationFactory(), user=cs, reply="好")
        handed = services.hand_to_sales(
            ConsultationFactory(), user=cs, salesperson=sales, sales_need="吊車"
        )

        result = run_all(now=timezone.now() + timedelta(days=30), only=["escalate_overdue"])

        assert result["escalate_overdue"]["consultations.consultation"] == 0
        assert not escalations(answered).exists()
        assert not escalations(handed).exists()

    def test_a_later_run_escalates_only_what_fell_overdue_since(self, promised, lead):
        run_all(now=timezone.now() + timedelta(hours=PROMISED_HOURS + 1))
        received = ConsultationFactory()

        run_all(now=timezone.now() + timedelta(days=2))

        assert escalations(received).count() == 1
        assert escalations(promised).count() == 1


class TestAnsweringAnOverdueConsultation:
    @pytest.fixture
    def overdue(self, promised):
        """The promise has passed (as if hours went by)."""
        Consultation.objects.filter(pk=promised.pk).update(
            due_at=timezone.now() - timedelta(hours=1),
            reply_due_at=timezone.now() - timedelta(hours=1),
        )
        return Consultation.objects.get(pk=promised.pk)

    def test_it_is_in_the_overdue_report_until_answered(self, client, overdue, cs):
        call_command("run_periodic_jobs")
        assert overdue_report(client, cs) == [str(overdue)]

        answered = services.answer_consultation(overdue, user=cs, reply="已回覆報價")

        assert answered.due_at is None
        assert Consultation.objects.get(pk=overdue.pk).due_at is None
        assert overdue_report(client, cs) == []

    def test_the_report_shows_when_it_was_escalated(self, client, overdue, cs):
        call_command("run_periodic_jobs")
        client.force_login(cs)

        response = client.get(reverse("core_overdue_report"))

        row = BeautifulSoup(response.text, "html.parser").select_one(
            "[data-overdue-report] tr:has(a)"
        )
        assert row.select("td")[-1].get_text(strip=True) != "—"

    def test_the_report_is_refused_to_those_who_see_no_process(self, client):
        user = UserFactory(username="receptionist")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)

        response = client.get(reverse("core_overdue_report"))

        assert response.status_code in (302, 403)
