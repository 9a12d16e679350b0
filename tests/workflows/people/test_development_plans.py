"""Individual development plans (P8.4): kept by HR, reviewed on schedule, reminded once
per review date, escalated to HR when a review date has passed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.escalation import escalate_overdue
from workflows.core.exceptions import (
    CommandPermissionDenied,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.models import OutboundMessage
from workflows.people import career_services as services
from workflows.people.careers import review_deadline
from workflows.people.choices import PlanState as S
from workflows.people.jobs import remind_reviews
from workflows.people.models import DevelopmentPlan

from .factories import DevelopmentPlanFactory

pytestmark = pytest.mark.django_db

PLANS = "wagtailsnippets_people_developmentplan"
OTHER_ROLES = [r for r in roles.ROLE_PERMISSIONS if r != roles.HR]
TODAY = timezone.localdate


@pytest.fixture
def hr(staff):
    return staff[roles.HR]


@pytest.fixture
def employee(db):
    return UserFactory(username="mei", first_name="陳美玲", roles=[roles.SALES])


def days(n):
    return TODAY() + datetime.timedelta(days=n)


def fresh(plan):
    return DevelopmentPlan.objects.get(pk=plan.pk)


def history(plan, action):
    return ModelLogEntry.objects.filter(
        content_type__app_label="people", object_id=str(plan.pk), action=action
    )


def started(hr, employee, review_in=30, **fields):
    plan = DevelopmentPlanFactory.build(employee=employee, review_on=days(review_in), **fields)
    plan.reference = ""
    return services.start_development_plan(plan, user=hr)


class TestStarting:
    def test_hr_starts_a_numbered_plan_due_after_its_review_date(self, hr, employee):
        plan = started(hr, employee, review_in=30)
        assert plan.reference.startswith("DP")
        assert plan.state == S.ACTIVE
        assert fresh(plan).due_at == review_deadline(days(30))
        assert history(plan, "wagtail.create").count() == 1

    def test_one_active_plan_per_employee(self, hr, employee):
        started(hr, employee)
        with pytest.raises(ValidationError) as error:
            started(hr, employee)
        assert "employee" in error.value.message_dict
        assert DevelopmentPlan.objects.count() == 1

    def test_a_review_date_in_the_past_is_refused(self, hr, employee):
        with pytest.raises(ValidationError):
            started(hr, employee, review_in=-1)
        assert not DevelopmentPlan.objects.exists()

    @pytest.mark.parametrize("role", OTHER_ROLES, ids=str)
    def test_no_other_role_starts_a_plan(self, staff, employee, role):
        with pytest.raises(CommandPermissionDenied):
            started(staff[role], employee)
        assert not DevelopmentPlan.objects.exists()

    def test_the_admin_form_goes_through_the_command(self, client, hr, employee):
        started(hr, employee)
        profile = UserProfile.get_for_user(hr)
        profile.preferred_language = "en"  # the admin in English, to read its message
        profile.save()
        client.force_login(hr)
        response = client.post(
            reverse(f"{PLANS}:add"),
            {
                "employee": employee.pk,
                "target_track": "management",
                "goals": "帶領客服小組",
                "actions": "主管培訓",
                "review_on": days(60).isoformat(),
            },
        )
        assert response.status_code == 200, "the refusal is shown on the form"
        assert "already has an active development plan" in response.content.decode()
        assert DevelopmentPlan.objects.count() == 1

    def test_editing_the_review_date_moves_the_deadline_and_clears_the_escalation(
        self, hr, employee
    ):
        plan = started(hr, employee)
        DevelopmentPlan.objects.filter(pk=plan.pk).update(escalated_at=timezone.now())
        plan = fresh(plan)
        plan.review_on = days(90)
        plan.save()
        plan = fresh(plan)
        assert plan.due_at == review_deadline(days(90))
        assert plan.escalated_at is None


class TestReview:
    def test_a_review_records_what_it_found_and_the_next_date(self, hr, employee):
        plan = started(hr, employee, review_in=3)
        DevelopmentPlan.objects.filter(pk=plan.pk).update(
            escalated_at=timezone.now(), reminded_for=days(3)
        )
        plan = services.review_development_plan(
            plan, user=hr, notes="  已完成兩門課程，報價仍需協助  ", next_review_on=days(120)
        )
        plan = fresh(plan)
        assert plan.state == S.ACTIVE
        assert plan.review_notes == "已完成兩門課程，報價仍需協助"
        assert plan.last_reviewed_on == TODAY()
        assert plan.review_on == days(120)
        assert plan.due_at == review_deadline(days(120))
        assert plan.escalated_at is None and plan.reminded_for is None
        entry = history(plan, "people.review").get()
        assert entry.user == hr
        assert entry.data["next_review_on"] == days(120).isoformat()

    @pytest.mark.parametrize(
        ("notes", "next_in", "field"),
        [("", 30, "notes"), ("   ", 30, "notes"), ("ok", 0, "next_review_on")],
    )
    def test_a_review_needs_findings_and_a_later_date(self, hr, employee, notes, next_in, field):
        plan = started(hr, employee)
        with pytest.raises(ValidationError) as error:
            services.review_development_plan(
                plan, user=hr, notes=notes, next_review_on=days(next_in)
            )
        assert field in error.value.message_dict
        assert not history(plan, "people.review").exists()

    @pytest.mark.parametrize("role", OTHER_ROLES, ids=str)
    def test_only_hr_reviews(self, hr, staff, employee, role):
        plan = started(hr, employee)
        with pytest.raises((CommandPermissionDenied, TransitionPermissionDenied)):
            services.review_development_plan(
                plan, user=staff[role], notes="x", next_review_on=days(60)
            )
        assert fresh(plan).review_on == days(30)

    def test_a_closed_plan_is_not_reviewed(self, hr, employee):
        plan = services.close_development_plan(started(hr, employee), user=hr)
        assert plan.state == S.CLOSED and fresh(plan).due_at is None
        with pytest.raises(TransitionNotAvailable):
            services.review_development_plan(plan, user=hr, notes="x", next_review_on=days(60))
        with pytest.raises(TransitionNotAvailable):
            services.close_development_plan(plan, user=hr)

    def test_hr_reviews_through_the_form(self, client, hr, employee):
        plan = started(hr, employee)
        client.force_login(hr)
        response = client.post(
            reverse(f"{PLANS}:transition", args=[plan.pk, "review"]),
            {"from_state": S.ACTIVE, "notes": "進度良好", "next_review_on": days(180).isoformat()},
        )
        assert response.status_code == 302
        assert fresh(plan).review_on == days(180)

    @pytest.mark.parametrize("role", OTHER_ROLES, ids=str)
    def test_every_other_role_is_refused_by_post(self, client, hr, staff, employee, role):
        plan = started(hr, employee)
        client.force_login(staff[role])
        for name in ("review", "close"):
            url = reverse(f"{PLANS}:transition", args=[plan.pk, name])
            data = {"from_state": S.ACTIVE, "notes": "x", "next_review_on": days(90).isoformat()}
            assert client.post(url, data).status_code == 403
        assert fresh(plan).review_on == days(30) and fresh(plan).state == S.ACTIVE


class TestReminders:
    def test_plans_due_within_the_week_are_reminded_once(self, hr, employee):
        soon = started(hr, employee, review_in=5)
        later = started(hr, UserFactory(username="hao"), review_in=30)
        today = started(hr, UserFactory(username="jun"), review_in=0)
        assert remind_reviews() == {"reminded": 2}
        assert remind_reviews() == {"reminded": 0}, "a second run changes nothing"
        assert fresh(soon).reminded_for == days(5)
        assert fresh(today).reminded_for == TODAY()
        assert fresh(later).reminded_for is None
        assert OutboundMessage.objects.filter(recipient_user=employee).count() == 1
        assert OutboundMessage.objects.filter(recipient_user=hr).count() == 1
        assert history(soon, "people.remind_review").count() == 1

    def test_one_digest_for_hr_lists_every_plan_of_the_run(self, hr, employee):
        for name, review_in in (("a1", 1), ("a2", 2), ("a3", 7)):
            started(hr, UserFactory(username=name), review_in=review_in)
        started(hr, employee, review_in=8)
        assert remind_reviews() == {"reminded": 3}
        digest = OutboundMessage.objects.get(recipient_user=hr)
        assert "3" in digest.subject

    def test_a_moved_review_date_is_reminded_again(self, hr, employee):
        plan = started(hr, employee, review_in=6)
        remind_reviews()
        plan = fresh(plan)
        plan.review_on = days(4)
        plan.save()
        assert remind_reviews() == {"reminded": 1}
        assert OutboundMessage.objects.filter(recipient_user=employee).count() == 2

    def test_closed_and_overdue_plans_are_not_reminded(self, hr, employee):
        services.close_development_plan(started(hr, employee, review_in=2), user=hr)
        overdue = started(hr, UserFactory(username="late"), review_in=2)
        DevelopmentPlan.objects.filter(pk=overdue.pk).update(review_on=days(-3))
        assert remind_reviews() == {"reminded": 0}
        assert not OutboundMessage.objects.exists()


class TestEscalation:
    def test_a_passed_review_date_is_escalated_to_hr_once(self, hr, employee):
        plan = started(hr, employee, review_in=1)
        started(hr, UserFactory(username="ontime"), review_in=20)
        later = timezone.now() + datetime.timedelta(days=3)
        assert escalate_overdue(DevelopmentPlan, now=later) == 1
        assert escalate_overdue(DevelopmentPlan, now=later) == 0
        assert fresh(plan).escalated_at is not None
        assert OutboundMessage.objects.filter(recipient_user=hr).count() == 1
        assert history(plan, "core.escalate").count() == 1

    def test_a_review_ends_the_escalation(self, hr, employee):
        plan = started(hr, employee, review_in=1)
        escalate_overdue(DevelopmentPlan, now=timezone.now() + datetime.timedelta(days=3))
        services.review_development_plan(plan, user=hr, notes="補做回顧", next_review_on=days(90))
        assert fresh(plan).escalated_at is None
        assert not DevelopmentPlan.objects.overdue().exists()

    def test_a_closed_plan_is_never_escalated(self, hr, employee):
        services.close_development_plan(started(hr, employee, review_in=1), user=hr)
        assert (
            escalate_overdue(DevelopmentPlan, now=timezone.now() + datetime.timedelta(days=9)) == 0
        )
