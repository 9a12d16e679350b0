"""Factories for leasing; records move through `workflows.leasing.services`, never by state.

`LeasePlanFactory` and `ContractFactory` build a plan or a contract in one step,
numbered in their series, for tests that need one to act on (a command's
refusal); the process itself is built through the services (see conftest).
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.workflows.customers.factories import CustomerFactory
from tests.workflows.fleet.factories import EquipmentModelFactory
from workflows.core.numbering import next_reference
from workflows.leasing.choices import ClauseKind, PlanState, RateBasis
from workflows.leasing.clauses import filled_clauses
from workflows.leasing.models import (
    Contract,
    ContractTemplate,
    LeasePlan,
    PlanLine,
    Requirement,
    RequirementLine,
    TemplateClause,
)

#: One clause per required kind, using placeholders, plus one of kind "other".
CLAUSES = [
    (
        ClauseKind.SPECIFICATION,
        "租賃設備規格",
        "出租人出租予{customer}之設備規格如下：{specification}。",
    ),
    (ClauseKind.QUANTITY, "租賃數量", "租賃設備為 {units}，共計 {total_quantity} 台。"),
    (
        ClauseKind.RENT,
        "租金及押金",
        "租期自 {period_start} 起至 {period_end} 止，共 {lease_days} 日。租金明細：{rent_lines}。"
        "租金總額 {rent_total}，押金 {deposit}，以{payment_method}支付，{billing_cycle}結算。",
    ),
    (
        ClauseKind.DELIVERY,
        "交付時間及地點",
        "出租人應於 {delivery_date} 將設備交付至 {delivery_place}。",
    ),
    (
        ClauseKind.MAINTENANCE,
        "維修保養責任",
        "出租人依下列週期保養設備：{maintenance_cycle}。本方案包含：{included_services}。",
    ),
    (ClauseKind.LIABILITY, "違約責任", "任一方違反本契約者，應賠償他方因此所受之損害。"),
    (ClauseKind.OTHER, "管轄法院", "因本契約涉訟時，雙方同意以臺灣臺北地方法院為第一審管轄法院。"),
]


class ContractTemplateFactory(DjangoModelFactory):
    class Meta:
        model = ContractTemplate
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"標準租賃契約 {n}")
    language = "zh-hant"
    title = "設備租賃契約書"
    active = True

    @factory.post_generation
    def clauses(self, create, extracted, **kwargs):
        if not create:
            return
        for i, (kind, title, text) in enumerate(CLAUSES if extracted is None else extracted):
            TemplateClause.objects.create(
                template=self, sort_order=i, kind=kind, title=title, text=text
            )


class RequirementFactory(DjangoModelFactory):
    class Meta:
        model = Requirement

    customer = factory.SubFactory(CustomerFactory)
    period_start = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    period_end = factory.LazyAttribute(lambda r: r.period_start + timedelta(days=29))
    site_address = "新北市板橋區文化路一段 1 號工地"
    usage_conditions = "工地日間作業，需附操作手冊"
    language = "zh-hant"


class RequirementLineFactory(DjangoModelFactory):
    class Meta:
        model = RequirementLine

    requirement = factory.SubFactory(RequirementFactory)
    quantity = 2


class LeasePlanFactory(DjangoModelFactory):
    """A plan of one line (two units of a catalogue model) for a month, a draft by default."""

    class Meta:
        model = LeasePlan
        skip_postgeneration_save = True

    reference = factory.LazyFunction(lambda: next_reference(LeasePlan.REFERENCE_PREFIX))
    state = PlanState.DRAFT
    requirement = factory.SubFactory(RequirementFactory)
    customer = factory.SelfAttribute("requirement.customer")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    language = "zh-hant"

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            PlanLineFactory(plan=self, **kwargs)
        self.save()  # prices the plan from its lines


class PlanLineFactory(DjangoModelFactory):
    class Meta:
        model = PlanLine

    plan = factory.SubFactory(LeasePlanFactory, lines=[])
    equipment_model = factory.SubFactory(EquipmentModelFactory)
    quantity = 2
    rate_basis = RateBasis.MONTH
    periods = Decimal("1")


class ContractFactory(DjangoModelFactory):
    """A draft contract of an accepted plan, its clauses filled from the template."""

    class Meta:
        model = Contract
        skip_postgeneration_save = True

    number = factory.LazyFunction(lambda: next_reference(Contract.REFERENCE_PREFIX))
    plan = factory.SubFactory(LeasePlanFactory, state=PlanState.ACCEPTED)
    customer = factory.SelfAttribute("plan.customer")
    template = factory.SubFactory(ContractTemplateFactory)
    title = "設備租賃契約書"
    language = "zh-hant"
    period_start = factory.SelfAttribute("plan.requirement.period_start")
    period_end = factory.SelfAttribute("plan.requirement.period_end")
    delivery_date = factory.SelfAttribute("period_start")
    delivery_place = factory.SelfAttribute("plan.requirement.site_address")

    @factory.post_generation
    def clauses(self, create, extracted, **kwargs):
        if not create:
            return
        self.clauses = filled_clauses(self, self.template) if extracted is None else extracted
        self.save()


def scanned_pdf(name="signed.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf"
    )
