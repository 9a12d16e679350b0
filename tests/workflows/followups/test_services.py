"""Recording and skipping follow-ups (P4.4), and escalating the overdue ones."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.exceptions import (
    RecordChanged,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.models import OutboundMessage, ServiceLevelSettings
from workflows.core.periodic import run_all
from workflows.followups import services
from workflows.followups.choices import FollowUpState as S
from workflows.followups.models import FollowUp, has_skip_reason, is_recorded

from .factories import FollowUpFactory

pytestmark = pytest.mark.django_db

OTHER_ROLES = [r for r in roles.ROLE_PERMISSIONS if r != roles.CUSTOMER_SERVICE]


def history(follow_up):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="followups", object_id=str(follow_up.pk)
        ).values_list("action", flat=True)
    )


def record(follow_up, user, **overrides):
    data = {
        "method": "visit",
        "contacted_person": "林經理",
        "feedback": "設備正常，司機反映操作順手",
        "needs": "下季度需要高空作業車",
    }
    data.update(overrides)
    return services.record_follow_up(follow_up, user=user, **data)


class TestRecordingAFollowUp:
    def test_stores_how_whom_what_they_said_and_need_who_and_when(self, make, cs):
        done = record(make(), cs)

        assert done.state == S.DONE
        assert (done.method, done.contacted_person) == ("visit", "林經理")
        assert done.feedback == "設備正常，司機反映操作順手"
        assert done.needs == "下季度需要高空作業車"
        assert done.done_by == cs
        assert done.done_at is not None
        assert done.due_at is None
        assert history(done) == ["followups.record"]

    @pytest.mark.parametrize("state", [S.DONE, S.SKIPPED])
    def test_is_refused_once_it_is(self, make, cs, state):
        follow_up = make(state)

        with pytest.raises(TransitionNotAvailable):
            record(follow_up, cs)
        assert FollowUp.objects.get(pk=follow_up.pk).state == state

    @pytest.mark.parametrize(
        "missing", [{"method": ""}, {"contacted_person": " "}, {"feedback": ""}]
    )
    def test_needs_the_method_the_person_and_the_feedback(self, make, cs, missing):
        follow_up = make()

        with pytest.raises(TransitionNotAvailable) as excinfo:
            record(follow_up, cs, **missing)

        assert excinfo.value.reason == str(is_recorded.message)
        assert FollowUp.objects.get(pk=follow_up.pk).state == S.DUE
        assert history(follow_up) == []

    @pytest.mark.parametrize("role", OTHER_ROLES)
    def test_is_customer_services_alone(self, make, staff, role):
        follow_up = make()

        with pytest.raises(TransitionPermissionDenied):
            record(follow_up, staff[role])
        assert FollowUp.objects.get(pk=follow_up.pk).state == S.DUE

    def test_refuses_a_user_who_saw_an_older_state(self, make, cs):
        follow_up = make()
        services.skip_follow_up(follow_up, user=cs, skip_reason="客戶出國")

        with pytest.raises(RecordChanged):
            services.record_follow_up(
                follow_up,
                user=cs,
                method="phone",
                contacted_person="x",
                feedback="y",
                expected_state=S.DUE,
            )


class TestSkippingAFollowUp:
    def test_keeps_the_reason(self, make, cs):
        skipped = services.skip_follow_up(make(), user=cs, skip_reason="客戶要求下月再聯絡")

        assert skipped.state == S.SKIPPED
        assert skipped.skip_reason == "客戶要求下月再聯絡"
        assert history(skipped) == ["followups.skip"]

    def test_needs_a_reason(self, make, cs):
        with pytest.raises(TransitionNotAvailable) as excinfo:
            services.skip_follow_up(make(), user=cs, skip_reason="  ")

        assert excinfo.value.reason == str(has_skip_reason.message)

    @pytest.mark.parametrize("state", [S.DONE, S.SKIPPED])
    def test_is_refused_once_done_or_skipped(self, make, cs, state):
        with pytest.raises(TransitionNotAvailable):
            services.skip_follow_up(make(state), user=cs, skip_reason="x")

    @pytest.mark.parametrize("role", OTHER_ROLES)
    def test_is_customer_services_alone(self, make, staff, role):
        with pytest.raises(TransitionPermissionDenied):
            services.skip_follow_up(make(), user=staff[role], skip_reason="x")


class TestOverdueFollowUps:
    JOB = "escalate_overdue_follow_ups"

    def run(self, now=None):
        return run_all(now=now, only=[self.JOB])[self.JOB]

    def test_are_escalated_once_to_the_customer_service_lead(self, staff, cs):
        levels = ServiceLevelSettings.load()
        levels.customer_service_lead = cs
        levels.save()
        late = FollowUpFactory(due_at=timezone.now() - timedelta(hours=2))
        FollowUpFactory()

        assert self.run() == {"escalated": 1}
        assert self.run() == {"escalated": 0}

        message = OutboundMessage.objects.get(template="followups/escalation")
        assert message.recipient_user == cs
        assert late.reference in message.body
        assert history(late) == ["core.escalate"]

    def test_without_a_lead_every_customer_service_member_is_told(self, staff):
        FollowUpFactory(due_at=timezone.now() - timedelta(hours=2))

        self.run()

        assert [m.recipient_user for m in OutboundMessage.objects.all()] == [
            staff[roles.CUSTOMER_SERVICE]
        ]

    def test_a_done_follow_up_is_not_escalated(self, make):
        done = make(S.DONE)
        FollowUp.objects.filter(pk=done.pk).update(due_at=timezone.now() - timedelta(days=1))

        assert self.run() == {"escalated": 0}
