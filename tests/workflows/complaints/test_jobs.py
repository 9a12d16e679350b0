"""Overdue complaints are escalated to Supervision by the core's periodic job, once per deadline.

Each Supervision member gets one in-app digest per run listing their overdue complaints.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department
from workflows.complaints.models import Complaint
from workflows.core import periodic, roles
from workflows.core.choices import MessageChannel
from workflows.core.escalation import escalate_overdue
from workflows.core.models import OutboundMessage

from .factories import ComplaintFactory
from .helpers import fresh, history

pytestmark = pytest.mark.django_db


def run(now=None):
    return escalate_overdue(Complaint, now or timezone.now())


def digests():
    """(recipient, channel) of every escalation message, in order."""
    return list(
        OutboundMessage.objects.filter(template="core/escalation")
        .order_by("pk")
        .values_list("recipient_user__username", "channel")
    )


def overdue(**fields):
    return ComplaintFactory(due_at=timezone.now() - timedelta(minutes=5), **fields)


class TestEscalatingOverdueComplaints:
    def test_an_overdue_complaint_is_escalated_to_supervision_once(self, staff):
        complaint = overdue()

        assert run() == 1
        entries = ModelLogEntry.objects.count()
        assert run() == 0

        assert fresh(complaint).escalated_at is not None
        assert history(complaint) == ["core.escalate"]
        assert ModelLogEntry.objects.count() == entries
        assert digests() == [(staff[roles.SUPERVISION].username, MessageChannel.IN_APP)]

    def test_each_active_supervision_member_gets_one_digest_of_every_overdue_complaint(self, staff):
        second = UserFactory(roles=[roles.SUPERVISION])
        gone = UserFactory(roles=[roles.SUPERVISION], is_active=False)
        complaints = [overdue(), overdue(), overdue()]

        assert run() == 3

        told = [user for user, _channel in digests()]
        assert sorted(told) == sorted([staff[roles.SUPERVISION].username, second.username])
        assert gone.username not in told
        assert all(history(c) == ["core.escalate"] for c in complaints)
        body = OutboundMessage.objects.filter(recipient_user=second).get().body
        assert all(c.reference in body for c in complaints)

    def test_nobody_else_is_told(self, staff):
        overdue()

        run()

        others = [u.username for role, u in staff.items() if role != roles.SUPERVISION]
        assert not any(user in others for user, _channel in digests())

    def test_a_second_run_changes_nothing(self, staff):
        complaint = overdue()
        run()
        escalated_at = fresh(complaint).escalated_at
        messages, entries = OutboundMessage.objects.count(), ModelLogEntry.objects.count()

        assert run(timezone.now() + timedelta(minutes=1)) == 0

        assert fresh(complaint).escalated_at == escalated_at
        assert OutboundMessage.objects.count() == messages
        assert ModelLogEntry.objects.count() == entries

    def test_complaints_within_their_deadline_or_closed_are_left_alone(self, make):
        on_time = ComplaintFactory(due_at=timezone.now() + timedelta(hours=1))
        closed = make(S.CLOSED)
        type(closed).objects.filter(pk=closed.pk).update(due_at=timezone.now() - timedelta(days=1))

        assert run() == 0
        assert fresh(on_time).escalated_at is None
        assert fresh(closed).escalated_at is None

    def test_the_next_deadline_missed_is_escalated_again(self, staff, cs, investigator):
        complaint = overdue()
        run()
        services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )
        assert fresh(complaint).escalated_at is None

        assert run(now=timezone.now() + timedelta(hours=73)) == 1
        assert len(digests()) == 2


def test_the_periodic_job_escalates_complaints(staff):
    overdue()

    result = periodic.run_all(only=["escalate_overdue"])["escalate_overdue"]

    assert result["complaints.complaint"] == 1
