"""Supervision (P7.1): inspections and findings, rectification orders, problem reports and
their reward: allowed path, forbidden states, permission by POST, History, messages once."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core.exceptions import TransitionNotAvailable
from workflows.core.models import OutboundMessage
from workflows.core.roles import HR, SALES, SUPERVISION
from workflows.quality.choices import (
    InspectionState,
    ProblemReportState,
    RectificationState,
    RewardState,
)
from workflows.quality.models import ProblemReport, RectificationOrder
from workflows.quality.services import (
    complete_inspection,
    give_problem_reward,
    mark_rectification_done,
    mark_report_useful,
    order_rectification,
    record_finding,
    report_problem,
    send_back_rectification,
    start_inspection,
    start_rectification,
    verify_rectification,
)

from .factories import FindingFactory, InspectionFactory, RectificationOrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor():
    return UserFactory(roles=[SUPERVISION])


@pytest.fixture
def owner():
    return UserFactory(roles=[SALES])


def history(record, action):
    return ModelLogEntry.objects.filter(
        object_id=str(record.pk), action=action, content_type__model=record._meta.model_name
    )


class TestInspection:
    def test_planned_started_findings_completed(self, supervisor):
        inspection = InspectionFactory()

        inspection = start_inspection(inspection, user=supervisor)
        finding = record_finding(inspection, user=supervisor, description="未依規定回覆")
        inspection = complete_inspection(inspection, user=supervisor, summary="一項缺失")

        assert inspection.state == InspectionState.COMPLETED
        assert finding.inspection == inspection
        assert history(inspection, "quality.complete").count() == 1
        assert history(inspection, "quality.record_finding").count() == 1

    def test_no_finding_outside_an_inspection_in_progress(self, supervisor):
        with pytest.raises(ValidationError):
            record_finding(InspectionFactory(), user=supervisor, description="x")

    def test_completing_needs_a_summary(self, supervisor):
        inspection = start_inspection(InspectionFactory(), user=supervisor)
        with pytest.raises(ValidationError) as refused:
            complete_inspection(inspection, user=supervisor, summary=" ")
        assert "summary" in refused.value.message_dict

    def test_a_planned_inspection_cannot_be_completed(self, supervisor):
        with pytest.raises(TransitionNotAvailable):
            complete_inspection(InspectionFactory(), user=supervisor, summary="x")

    def test_a_salesperson_may_not_inspect(self, owner):
        with pytest.raises(PermissionDenied):
            start_inspection(InspectionFactory(), user=owner)


class TestRectification:
    def order(self, supervisor, owner, django_capture_on_commit_callbacks):
        finding = FindingFactory()
        with django_capture_on_commit_callbacks(execute=True):
            return order_rectification(
                RectificationOrder(
                    finding=finding,
                    owner=owner,
                    deadline=timezone.now() + timedelta(days=5),
                    required_action="補正",
                ),
                user=supervisor,
            )

    def test_open_in_progress_done_verified(
        self, supervisor, owner, django_capture_on_commit_callbacks
    ):
        order = self.order(supervisor, owner, django_capture_on_commit_callbacks)
        assert order.reference.startswith("QR")
        assert abs(order.due_at - order.deadline) < timedelta(seconds=1)
        assert OutboundMessage.objects.filter(template="quality/rectification_ordered").count() == 1

        order = start_rectification(order, user=owner)
        order = mark_rectification_done(order, user=owner, evidence="已補填並上傳照片")
        order = verify_rectification(order, user=supervisor)

        assert order.state == RectificationState.VERIFIED
        assert order.verified_by == supervisor
        for action in ("quality.start_work", "quality.mark_done", "quality.verify"):
            assert history(order, action).count() == 1
        assert (
            OutboundMessage.objects.filter(
                template="quality/rectification_done", recipient_user=supervisor
            ).count()
            == 1
        )

    def test_done_needs_evidence(self, owner):
        order = RectificationOrderFactory(owner=owner)
        with pytest.raises(TransitionNotAvailable):
            mark_rectification_done(order, user=owner, evidence="")
        order.refresh_from_db()
        assert order.state == RectificationState.OPEN

    def test_a_conforming_finding_is_not_rectified(self, supervisor, owner):
        with pytest.raises(ValidationError):
            order_rectification(
                RectificationOrder(
                    finding=FindingFactory(conforms=True),
                    owner=owner,
                    deadline=timezone.now() + timedelta(days=1),
                    required_action="x",
                ),
                user=supervisor,
            )

    def test_sent_back_returns_to_the_owner_once(self, supervisor, owner):
        order = RectificationOrderFactory(owner=owner)
        order = mark_rectification_done(order, user=owner, evidence="照片")

        order = send_back_rectification(order, user=supervisor, note="照片看不清楚")

        assert order.state == RectificationState.IN_PROGRESS
        assert (
            OutboundMessage.objects.filter(
                template="quality/rectification_sent_back", recipient_user=owner
            ).count()
            == 1
        )

    def test_only_supervision_verifies(self, owner):
        order = RectificationOrderFactory(owner=owner)
        order = mark_rectification_done(order, user=owner, evidence="照片")
        with pytest.raises(PermissionDenied):
            verify_rectification(order, user=owner)

    def test_someone_else_may_not_work_on_it(self, owner):
        order = RectificationOrderFactory(owner=owner)
        with pytest.raises(PermissionDenied):
            start_rectification(order, user=UserFactory(roles=[SALES]))

    def test_verify_by_post_without_permission_is_403_and_nothing_changes(self, client, owner):
        order = RectificationOrderFactory(owner=owner)
        order = mark_rectification_done(order, user=owner, evidence="照片")
        client.force_login(owner)

        response = client.post(
            reverse(
                "wagtailsnippets_quality_rectificationorder:transition", args=[order.pk, "verify"]
            ),
            {"from_state": RectificationState.DONE},
        )

        assert response.status_code == 403
        order.refresh_from_db()
        assert order.state == RectificationState.DONE

    def test_overdue_orders_escalate_to_supervision(self, supervisor, owner):
        from workflows.core.escalation import escalate_all

        order = RectificationOrderFactory(owner=owner)
        RectificationOrder.objects.filter(pk=order.pk).update(
            due_at=timezone.now() - timedelta(hours=1)
        )

        escalate_all()
        escalate_all()

        order.refresh_from_db()
        assert order.escalated_at is not None
        assert history(order, "core.escalate").count() == 1


class TestProblemReports:
    def test_reported_anonymously_useful_reward_given(self, supervisor):
        reporter = UserFactory(roles=[SALES])
        hr = UserFactory(roles=[HR])

        report = report_problem(
            ProblemReport(area="delivery", description="出車前未檢查"), user=reporter
        )
        created = ModelLogEntry.objects.get(object_id=str(report.pk), action="wagtail.create")
        assert created.user is None  # the History names nobody
        assert report.reporter == reporter
        assert (
            OutboundMessage.objects.filter(
                template="quality/problem_reported", recipient_user=supervisor
            ).count()
            == 1
        )

        report = mark_report_useful(report, user=supervisor, assessment="確實有風險")
        assert (report.state, report.reward_state) == (ProblemReportState.USEFUL, RewardState.DUE)
        assert (
            OutboundMessage.objects.filter(
                template="quality/problem_reward_due", recipient_user=hr
            ).count()
            == 1
        )

        report = give_problem_reward(report, user=hr, reward_note="獎金 1000 元")
        assert report.reward_state == RewardState.GIVEN
        assert (
            OutboundMessage.objects.filter(
                template="quality/problem_reward_given", recipient_user=reporter
            ).count()
            == 1
        )
        assert history(report, "quality.give_reward").count() == 1

    def test_the_reporter_is_hidden_from_everyone_but_supervision(self, supervisor):
        reporter = UserFactory(roles=[SALES], first_name="王大明")
        report = report_problem(
            ProblemReport(area="delivery", description="出車前未檢查"), user=reporter
        )
        hr = UserFactory(roles=[HR])

        assert report.reporter_label(supervisor) == "王大明"
        assert report.reporter_label(hr) != "王大明"

    def test_hr_may_not_mark_a_report_useful(self):
        reporter = UserFactory(roles=[SALES])
        report = report_problem(ProblemReport(area="delivery", description="x"), user=reporter)
        with pytest.raises(PermissionDenied):
            mark_report_useful(report, user=UserFactory(roles=[HR]), assessment="x")

    def test_no_reward_before_it_is_due(self, supervisor):
        reporter = UserFactory(roles=[SALES])
        report = report_problem(ProblemReport(area="delivery", description="x"), user=reporter)
        with pytest.raises(TransitionNotAvailable):
            give_problem_reward(report, user=UserFactory(roles=[HR]), reward_note="x")
