"""The training demo loads once: a year's plan, two department plans in moderation, courses."""

import pytest

from fixtures import demo
from learning.models import (
    CoursePage,
    DepartmentPlanPage,
    StaffIndexPage,
    TrainingNeedsAnswer,
    TrainingPlanPage,
)
from workflows.people.choices import MoveState, SessionState
from workflows.people.models import CareerMove, DevelopmentPlan, MentorPair, TrainingSession

pytestmark = pytest.mark.django_db


def test_loads_the_staff_section_once_with_plans_in_moderation_and_courses():
    demo.load()

    def counts():
        return [
            model.objects.count()
            for model in (CoursePage, TrainingSession, DevelopmentPlan, CareerMove, MentorPair)
        ]

    first = counts()
    demo.load()

    assert first == counts()
    assert StaffIndexPage.objects.get().get_view_restrictions().exists()
    assert TrainingPlanPage.objects.live().count() == 1
    in_moderation = [p for p in DepartmentPlanPage.objects.all() if p.workflow_in_progress]
    assert len(in_moderation) == 2
    assert not any(p.live for p in in_moderation)
    assert all(course.quiz for course in CoursePage.objects.live())
    assert CoursePage.objects.filter(slug="regulation").exists()
    assert TrainingNeedsAnswer.objects.count() == 3
    assert set(TrainingSession.objects.values_list("state", flat=True)) == set(SessionState.values)
    assert DevelopmentPlan.objects.count() == 3
    assert DevelopmentPlan.objects.overdue().count() == 1, "one review on HR's home panel"
    assert set(CareerMove.objects.values_list("state", flat=True)) == {
        MoveState.PROPOSED,
        MoveState.EFFECTIVE,
        MoveState.DECLINED,
    }
    assert MentorPair.objects.filter(state="active").count() == 2
