"""Recording and skipping follow-ups (P4.4), and escalating the overdue ones."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.escalation import escalate_overdue
from workflows.core.exceptions import (
    CommandPermissionDenied,
    RecordChanged,
    TransitionNotAvailable,
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

        with pytest.raises(CommandPermissionDenied):
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
        with pytest.raises(CommandPermissionDenied):
            services.skip_follow_up(make(), user=staff[role], skip_reason="x")


def overdue(**fields):
    return FollowUpFactory(due_at=timezone.now() - timedelta(hours=2), **fields)


def set_lead(user):
    levels = ServiceLevelSettings.load()
    levels.customer_service_lead = user
    levels.save()


def messages_to(user):
    return list(OutboundMessage.objects.filter(recipient_user=user))


class TestOverdueFollowUps:
    """Escalated by the shared job, as `FollowUp.escalation` declares: the Customer
    Service lead, or else every active Customer Service member, one message each."""

    def test_are_marked_and_logged_once_and_the_lead_alone_gets_one_message(self, staff, cs):
        set_lead(cs)
        colleague = UserFactory(roles=[roles.CUSTOMER_SERVICE])
        late, later = overdue(), overdue()
        on_time = FollowUpFactory()
        now = timezone.now()

        assert escalate_overdue(FollowUp, now) == 2

        for follow_up in (late, later):
            follow_up.refresh_from_db()
            assert follow_up.escalated_at == now
            assert history(follow_up) == ["core.escalate"]
        on_time.refresh_from_db()
        assert on_time.escalated_at is None
        assert history(on_time) == []
        (message,) = messages_to(cs)
        assert message.template == "core/escalation"
        assert late.reference in message.body and later.reference in message.body
        assert messages_to(colleague) == []
        assert OutboundMessage.objects.count() == 1

    def test_a_second_run_changes_nothing(self, staff, cs):
        set_lead(cs)
        late = overdue()
        escalate_overdue(FollowUp, timezone.now())
        entries, sent = len(history(late)), OutboundMessage.objects.count()

        assert escalate_overdue(FollowUp, timezone.now()) == 0

        assert len(history(late)) == entries
        assert OutboundMessage.objects.count() == sent

    def test_without_a_lead_every_active_member_gets_one_message(self, staff, cs):
        colleague = UserFactory(roles=[roles.CUSTOMER_SERVICE])
        gone = UserFactory(roles=[roles.CUSTOMER_SERVICE], is_active=False)
        late, later = overdue(), overdue()

        escalate_overdue(FollowUp, timezone.now())

        for member in (cs, colleague):
            (message,) = messages_to(member)
            assert late.reference in message.body and later.reference in message.body
        assert messages_to(gone) == []
        assert OutboundMessage.objects.count() == 2

    def test_an_inactive_lead_is_replaced_by_the_members(self, staff, cs):
        lead = UserFactory(roles=[roles.CUSTOMER_SERVICE], is_active=False)
        set_lead(lead)
        overdue()

        escalate_overdue(FollowUp, timezone.now())

        assert messages_to(lead) == []
        assert len(messages_to(cs)) == 1

    def test_a_done_or_skipped_follow_up_is_not_escalated(self, make):
        for state in (S.DONE, S.SKIPPED):
            finished = make(state)
            FollowUp.objects.filter(pk=finished.pk).update(
                due_at=timezone.now() - timedelta(days=1)
            )

        assert escalate_overdue(FollowUp, timezone.now()) == 0
        assert not OutboundMessage.objects.exists()

    def test_the_shared_periodic_job_escalates_them(self, staff, cs):
        overdue()

        result = run_all(only=["escalate_overdue"])["escalate_overdue"]

        assert result["followups.followup"] == 1
        assert len(messages_to(cs)) == 1
