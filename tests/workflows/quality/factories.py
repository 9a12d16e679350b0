from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories import UserFactory
from workflows.quality.choices import AssessmentKind, InspectionKind, ProcessArea, SurveyOccasion
from workflows.quality.models import (
    Assessment,
    Finding,
    Inspection,
    ProblemReport,
    RectificationOrder,
    Survey,
)


class SurveyFactory(DjangoModelFactory):
    """A survey as sent to a customer, not yet answered."""

    class Meta:
        model = Survey

    occasion = SurveyOccasion.PERIODIC
    occasion_key = factory.Sequence(lambda n: f"test:{n}")
    name = factory.Sequence(lambda n: f"客戶 {n}")
    email = factory.Sequence(lambda n: f"survey{n}@example.com")
    language = "zh-hant"
    department = "sales"
    sent_at = factory.LazyFunction(timezone.now)


def _next(prefix):
    from workflows.core.numbering import next_reference

    return next_reference(prefix)


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection

    reference = factory.LazyFunction(lambda: _next("QI"))
    kind = InspectionKind.PLANNED
    area = ProcessArea.CONSULTATION
    department = "customer_service"
    planned_for = factory.LazyFunction(timezone.localdate)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    description = "來電紀錄未填寫回覆時間"


class RectificationOrderFactory(DjangoModelFactory):
    class Meta:
        model = RectificationOrder

    reference = factory.LazyFunction(lambda: _next("QR"))
    finding = factory.SubFactory(FindingFactory)
    department = "customer_service"
    owner = factory.SubFactory(UserFactory)
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    due_at = factory.LazyAttribute(lambda o: o.deadline)
    required_action = "補填所有回覆時間並教育訓練"


class ProblemReportFactory(DjangoModelFactory):
    class Meta:
        model = ProblemReport

    reference = factory.LazyFunction(lambda: _next("QP"))
    area = ProcessArea.DELIVERY
    description = "送貨前未檢查設備油量"
    reporter = factory.SubFactory(UserFactory)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    reference = factory.LazyFunction(lambda: _next("QA"))
    kind = AssessmentKind.MONTHLY
    employee = factory.SubFactory(UserFactory)
    department = "sales"
    period_start = date(2026, 10, 1)
    period_end = date(2026, 10, 31)
