"""Replies not given in time go to the Customer Service lead, or to every member (P1.3).

The shared job escalates consultations as `Consultation.escalation` declares:
received and reply-promised consultations past their deadline, once each, in
one digest message per person told.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import ConsultationFactory, UserFactory
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.choices import MessageChannel
from workflows.core.escalation import escalate_overdue
from workflows.core.models import OutboundMessage, ServiceLevelSettings

pytestmark = pytest.mark.django_db


def escalations():
    return ModelLogEntry.objects.filter(
        content_type__app_label="consultations", action="core.escalate"
    )


def digests():
    return OutboundMessage.objects.filter(template="core/escalation")


@pytest.fixture
def overdue(make):
    """Two received and one promised consultation, each past its deadline by an hour."""
    records = [make(), make(), make(S.REPLY_PROMISED)]
    Consultation.objects.filter(pk__in=[c.pk for c in records]).update(
        due_at=timezone.now() - timedelta(hours=1)
    )
    return records


@pytest.fixture
def gone(db):
    return UserFactory(username="cs_gone", roles=[roles.CUSTOMER_SERVICE], is_active=False)


def set_lead(user):
    levels = ServiceLevelSettings.load()
    levels.customer_service_lead = user
    levels.save()


class TestEscalatingOverdueReplies:
    def test_without_a_lead_each_active_member_gets_one_digest(self, overdue, cs, gone):
        colleague = UserFactory(username="cs_two", roles=[roles.CUSTOMER_SERVICE])
        now = timezone.now()

        assert escalate_overdue(Consultation, now) == 3

        for consultation in overdue:
            consultation.refresh_from_db()
            assert consultation.escalated_at == now
        assert sorted(escalations().values_list("object_id", flat=True)) == sorted(
            str(c.pk) for c in overdue
        )
        told = [(m.recipient_user, m.channel) for m in digests()]
        assert len(told) == 2
        assert set(told) == {(cs, MessageChannel.IN_APP), (colleague, MessageChannel.IN_APP)}
        assert not digests().filter(recipient_user=gone).exists()

    def test_the_lead_alone_is_told_when_set(self, overdue, cs, staff):
        lead = UserFactory(username="cs_lead", roles=[roles.CUSTOMER_SERVICE])
        set_lead(lead)

        escalate_overdue(Consultation, timezone.now())

        assert [m.recipient_user for m in digests()] == [lead]

    def test_an_inactive_lead_is_replaced_by_the_active_members(self, overdue, cs, gone):
        set_lead(gone)

        escalate_overdue(Consultation, timezone.now())

        assert [m.recipient_user for m in digests()] == [cs]

    def test_a_second_run_changes_nothing(self, overdue, cs):
        first = timezone.now()
        escalate_overdue(Consultation, first)

        assert escalate_overdue(Consultation, first + timedelta(hours=1)) == 0

        assert escalations().count() == 3
        assert digests().count() == 1
        assert set(Consultation.objects.values_list("escalated_at", flat=True)) == {first}

    @pytest.mark.parametrize("state", [S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED])
    def test_other_states_never_escalate(self, make, cs, state):
        consultation = make(state)
        Consultation.objects.filter(pk=consultation.pk).update(
            due_at=timezone.now() - timedelta(hours=1)
        )

        assert escalate_overdue(Consultation, timezone.now()) == 0

        assert not escalations().exists()
        assert not digests().exists()

    def test_a_consultation_not_yet_due_is_left_alone(self, cs):
        ConsultationFactory(due_at=timezone.now() + timedelta(hours=1))

        assert escalate_overdue(Consultation, timezone.now()) == 0
        assert not digests().exists()
