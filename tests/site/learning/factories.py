"""Factories for the staff section's pages."""

import factory

from learning.models import (
    CoursePage,
    DepartmentPlanPage,
    SurveyQuestion,
    TrainingNeedsSurveyPage,
    TrainingPlanPage,
)
from tests.site.factories import PageFactory


class TrainingPlanPageFactory(PageFactory):
    class Meta:
        model = TrainingPlanPage

    title = "2026 年度培訓計劃"
    year = 2026
    goals = "<p>提升服務意識與業務知識。</p>"


class DepartmentPlanPageFactory(PageFactory):
    class Meta:
        model = DepartmentPlanPage

    title = "業務部培訓計劃"
    department = "Sales"
    plan = "<p>每月一次合約條款講解。</p>"


def quiz(*questions):
    """[(question, [choices], number of the right choice)] as the quiz stream's raw data."""
    return [
        {
            "type": "question",
            "id": f"00000000-0000-0000-0000-00000000000{n}",
            "value": {"question": q, "choices": choices, "correct": right},
        }
        for n, (q, choices, right) in enumerate(questions, start=1)
    ]


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"課程 {n}")
    topic = "rent"
    intro = "租金如何計算"
    body = factory.LazyFunction(
        lambda: [{"type": "text", "value": "<p>日租、週租、月租的換算。</p>"}]
    )
    quiz = factory.LazyFunction(
        lambda: quiz(
            ("月租以幾天計？", ["28 天", "30 天"], 2),
            ("押金何時退還？", ["歸還驗收後", "簽約當天"], 1),
        )
    )
    pass_mark = 100


class TrainingNeedsSurveyPageFactory(PageFactory):
    class Meta:
        model = TrainingNeedsSurveyPage
        skip_postgeneration_save = True

    title = "培訓需求調查"

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        SurveyQuestion.objects.create(
            page=self, label="最想加強的主題", field_type="singleline", required=True
        )
        SurveyQuestion.objects.create(
            page=self, label="偏好的培訓方式", field_type="dropdown", choices="內部培訓\n線上學習"
        )
