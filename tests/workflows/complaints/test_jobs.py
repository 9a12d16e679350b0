"""Overdue complaints are escalated to Supervision by the periodic command, once per deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department
from workflows.core import periodic, roles
from workflows.core.choices import MessageChannel
from workflows.core.models import OutboundMessage

from .factories import ComplaintFactory
from .helpers import fresh, history

pytestmark = pytest.mark.django_db

JOB = "escalate_overdue_complaints"


def run(now=None):
    return periodic.run_all(now=now, only=[JOB])[JOB]


def escalations(complaint):
    return list(
        OutboundMessage.objects.filter(
            template="complaints/escalation", object_id=str(complaint.pk)
        ).values_list("recipient_user__username", "channel")
    )


class TestEscalatingOverdueComplaints:
    def test_an_overdue_complaint_is_escalated_to_supervision_once(self, staff):
        complaint = ComplaintFactory(due_at=timezone.now() - timedelta(minutes=5))

        assert run() == {"escalated": 1}
        assert run() == {"escalated": 0}

        assert fresh(complaint).escalated_at is not None
        assert history(complaint) == ["core.escalate"]
        assert escalations(complaint) == [
            (staff[roles.SUPERVISION].username, MessageChannel.IN_APP)
        ]

    def test_every_supervision_member_is_told(self, staff):
        second = UserFactory(roles=[roles.SUPERVISION])
        complaint = ComplaintFactory(due_at=timezone.now() - timedelta(minutes=5))

        run()

        assert {user for user, _channel in escalations(complaint)} == {
            staff[roles.SUPERVISION].username,
            second.username,
        }

    def test_complaints_within_their_deadline_or_closed_are_left_alone(self, make):
        on_time = ComplaintFactory(due_at=timezone.now() + timedelta(hours=1))
        closed = make(S.CLOSED)
        type(closed).objects.filter(pk=closed.pk).update(due_at=timezone.now() - timedelta(days=1))

        assert run() == {"escalated": 0}
        assert fresh(on_time).escalated_at is None
        assert fresh(closed).escalated_at is None

    def test_the_next_deadline_missed_is_escalated_again(self, staff, cs, investigator):
        complaint = ComplaintFactory(due_at=timezone.now() - timedelta(minutes=5))
        run()
        services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )
        assert fresh(complaint).escalated_at is None

        assert run(now=timezone.now() + timedelta(hours=73)) == {"escalated": 1}
        assert len(escalations(complaint)) == 2
