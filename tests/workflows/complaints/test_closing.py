"""Closing, explaining an unreasonable demand, reopening, raising urgency (P9.2, P9.4-P9.6)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.workflows.clock import at
from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department, RootCause
from workflows.complaints.models import ComplaintSettings
from workflows.core import roles
from workflows.core.choices import MessageChannel
from workflows.core.exceptions import CommandPermissionDenied, TransitionNotAvailable
from workflows.core.tracking import PublicUpdate

from .factories import ComplaintFactory
from .helpers import fresh, history, sent

pytestmark = pytest.mark.django_db


def close(complaint, user, **overrides):
    data = {
        "user": user,
        "root_cause": RootCause.EQUIPMENT_QUALITY,
        "corrective_action": "出車前加做油路檢查。",
    }
    data.update(overrides)
    return services.close_complaint(complaint, **data)


def reopen(complaint, user, investigator, note="客戶表示又漏油了。"):
    return services.reopen_complaint(
        complaint,
        user=user,
        department=Department.AFTER_SALES,
        investigator=investigator,
        note=note,
    )


class TestClosing:
    def test_records_the_root_cause_and_sends_the_rating_link(
        self, make, cs, django_capture_on_commit_callbacks
    ):
        complaint = make(S.RESULT_COMMUNICATED, channel="mailbox")
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            close(complaint, cs, root_cause_detail="油管老化")

        complaint = fresh(complaint)
        assert complaint.state == S.CLOSED
        assert (complaint.root_cause, complaint.root_cause_detail, complaint.corrective_action) == (
            RootCause.EQUIPMENT_QUALITY,
            "油管老化",
            "出車前加做油路檢查。",
        )
        assert complaint.closed_at is not None
        assert complaint.due_at is None
        # the rating link, then the satisfaction survey (P7.2)
        assert len(mail.outbox) == 2
        assert f"/track/{complaint.tracking_token}/rate/" in mail.outbox[0].body
        assert "/survey/" in mail.outbox[1].body

    @pytest.mark.parametrize(
        ("root_cause", "action"),
        [("", "加做檢查"), (RootCause.PROCESS, ""), (RootCause.PROCESS, " ")],
    )
    def test_without_root_cause_and_corrective_action_it_stays_open(
        self, make, cs, root_cause, action
    ):
        complaint = make(S.RESULT_COMMUNICATED)

        with pytest.raises(TransitionNotAvailable) as refused:
            close(complaint, cs, root_cause=root_cause, corrective_action=action)

        assert "root cause" in refused.value.reason
        assert fresh(complaint).state == S.RESULT_COMMUNICATED


class TestExplainingAnUnreasonableDemand:
    def test_customer_service_explains_and_closes_a_received_complaint(
        self, cs, django_capture_on_commit_callbacks
    ):
        complaint = ComplaintFactory(channel="mailbox")

        with django_capture_on_commit_callbacks(execute=True):
            services.explain_and_close(
                complaint,
                user=cs,
                explanation="颱風停工依合約第 7 條不減租，敬請見諒。",
                root_cause=RootCause.UNFOUNDED,
                corrective_action="簽約時加強說明第 7 條。",
            )

        complaint = fresh(complaint)
        assert complaint.state == S.CLOSED
        assert complaint.explanation == "颱風停工依合約第 7 條不減租，敬請見諒。"
        assert sent(complaint, "explanation") == [(MessageChannel.EMAIL, complaint.email)]
        explained = [m for m in mail.outbox if "/survey/" not in m.body]
        assert "颱風停工依合約第 7 條不減租" in explained[-1].body
        assert "/rate/" in explained[-1].body
        assert PublicUpdate.objects.latest("pk").text == complaint.explanation

    def test_the_investigating_department_may_explain_and_close(self, make, investigator):
        complaint = make(S.INVESTIGATING)

        services.explain_and_close(
            complaint,
            user=investigator,
            explanation="設備正常，屬操作不當。",
            root_cause=RootCause.CUSTOMER_SIDE,
            corrective_action="交車時加強操作說明。",
        )

        assert fresh(complaint).state == S.CLOSED

    def test_another_department_may_not(self, make, staff):
        complaint = make(S.INVESTIGATING)

        with pytest.raises(CommandPermissionDenied):
            services.explain_and_close(
                complaint,
                user=staff[roles.SALES],
                explanation="不合理",
                root_cause=RootCause.UNFOUNDED,
                corrective_action="無",
            )

    def test_without_an_explanation_it_is_refused(self, cs):
        complaint = ComplaintFactory()

        with pytest.raises(TransitionNotAvailable) as refused:
            services.explain_and_close(
                complaint,
                user=cs,
                explanation=" ",
                root_cause=RootCause.UNFOUNDED,
                corrective_action="無",
            )

        assert "explanation" in refused.value.reason
        assert fresh(complaint).state == S.RECEIVED

    @pytest.mark.parametrize("state", [S.PLAN_AGREED, S.RESOLVED, S.RESULT_COMMUNICATED, S.CLOSED])
    def test_is_not_possible_once_a_plan_is_agreed(self, make, cs, state):
        complaint = make(state)

        with pytest.raises(TransitionNotAvailable):
            services.explain_and_close(
                complaint,
                user=cs,
                explanation="不合理",
                root_cause=RootCause.UNFOUNDED,
                corrective_action="無",
            )
        assert fresh(complaint).state == state


class TestReopening:
    def test_within_the_window_it_is_investigated_again(self, make, cs, investigator):
        complaint = make(S.CLOSED)

        complaint = reopen(complaint, cs, investigator)

        complaint = fresh(complaint)
        assert complaint.state == S.INVESTIGATING
        assert complaint.reopened_count == 1
        assert complaint.closed_at is None
        assert complaint.due_at == complaint.state_changed_at + timedelta(hours=72)
        assert history(complaint)[-2:] == ["complaints.reopen", "core.publish_update"]
        assert sent(complaint, "reopened_sms") == [(MessageChannel.SMS, complaint.phone)]
        assert (MessageChannel.IN_APP, investigator.username) in sent(complaint, "assigned")

    def test_on_the_last_day_of_the_window_it_may_be_reopened(self, make, cs, investigator):
        complaint = make(S.CLOSED)
        window = ComplaintSettings.load().reopen_window_days

        with at(fresh(complaint).closed_at + timedelta(days=window) - timedelta(minutes=1)):
            reopen(complaint, cs, investigator)

        assert fresh(complaint).state == S.INVESTIGATING

    def test_after_the_window_it_is_refused_with_a_clear_message(self, make, cs, investigator):
        complaint = make(S.CLOSED)
        settings = ComplaintSettings.load()
        settings.reopen_window_days = 7
        settings.save()

        too_late = fresh(complaint).closed_at + timedelta(days=7, minutes=1)
        with at(too_late), pytest.raises(TransitionNotAvailable) as refused:
            reopen(complaint, cs, investigator)

        assert "closed too long ago to be reopened" in refused.value.reason
        assert fresh(complaint).state == S.CLOSED
        assert fresh(complaint).reopened_count == 0

    def test_closing_again_sends_a_new_closing_message(self, make, cs, investigator):
        complaint = make(S.CLOSED)
        complaint = reopen(complaint, cs, investigator)
        complaint = services.explain_and_close(
            complaint,
            user=investigator,
            explanation="已確認非設備問題。",
            root_cause=RootCause.CUSTOMER_SIDE,
            corrective_action="加強操作說明。",
        )

        assert fresh(complaint).state == S.CLOSED
        assert fresh(complaint).closed_at is not None
        assert len(sent(complaint, "closed_sms")) == 1
        assert len(sent(complaint, "explanation_sms")) == 1

    @pytest.mark.parametrize(
        "state", [S.RECEIVED, S.INVESTIGATING, S.PLAN_AGREED, S.RESOLVED, S.RESULT_COMMUNICATED]
    )
    def test_an_open_complaint_cannot_be_reopened(self, make, cs, investigator, state):
        complaint = make(state)

        with pytest.raises(TransitionNotAvailable):
            reopen(complaint, cs, investigator)

    def test_only_customer_service_reopens(self, make, investigator):
        complaint = make(S.CLOSED)

        with pytest.raises(CommandPermissionDenied):
            reopen(complaint, investigator, investigator)


class TestRaisingTheUrgencyLater:
    def test_supervision_and_management_are_told_once(
        self, make, cs, staff, django_capture_on_commit_callbacks
    ):
        complaint = make(S.INVESTIGATING)
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.mark_urgent(complaint, user=cs, note="設備漏油，有安全疑慮。")

        complaint = fresh(complaint)
        assert complaint.urgent and complaint.urgent_since is not None
        assert complaint.state == S.INVESTIGATING
        told = sent(complaint, "urgent")
        assert len(told) == 4
        assert {user for _channel, user in told} == {
            staff[roles.SUPERVISION].username,
            staff[roles.MANAGEMENT].username,
        }
        assert sorted(m.to[0] for m in mail.outbox) == sorted(
            [staff[roles.SUPERVISION].email, staff[roles.MANAGEMENT].email]
        )
        assert history(complaint)[-1] == "complaints.mark_urgent"

    def test_the_short_deadline_applies_from_now(self, make, cs):
        complaint = make(S.INVESTIGATING)
        entered = fresh(complaint).state_changed_at

        services.mark_urgent(complaint, user=cs, note="停工中")

        complaint = fresh(complaint)
        assert timezone.now() + timedelta(hours=23) < complaint.due_at
        assert complaint.due_at <= timezone.now() + timedelta(hours=24)
        assert complaint.state_changed_at == entered

    def test_a_sooner_deadline_is_kept(self, make, cs):
        complaint = make(S.INVESTIGATING)
        soon = timezone.now() + timedelta(hours=1)
        type(complaint).objects.filter(pk=complaint.pk).update(due_at=soon)

        services.mark_urgent(complaint, user=cs, note="停工中")

        assert fresh(complaint).due_at == soon

    def test_an_urgent_complaint_cannot_be_marked_again(self, cs):
        complaint = ComplaintFactory(urgent=True)

        with pytest.raises(TransitionNotAvailable) as refused:
            services.mark_urgent(complaint, user=cs, note="再一次")

        assert "already urgent" in refused.value.reason

    def test_a_closed_complaint_cannot_be_marked(self, make, cs):
        complaint = make(S.CLOSED)

        with pytest.raises(TransitionNotAvailable):
            services.mark_urgent(complaint, user=cs, note="太晚了")

    def test_the_investigating_department_may_raise_it(self, make, investigator):
        complaint = make(S.INVESTIGATING)

        services.mark_urgent(complaint, user=investigator, note="現場發現安全疑慮")

        assert fresh(complaint).urgent

    def test_another_department_may_not(self, make, staff):
        complaint = make(S.INVESTIGATING)

        with pytest.raises(CommandPermissionDenied):
            services.mark_urgent(complaint, user=staff[roles.HR], note="?")
        assert not fresh(complaint).urgent
