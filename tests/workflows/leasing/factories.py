"""Factories for leasing; records move through `workflows.leasing.services`, never by state."""

from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.workflows.customers.factories import CustomerFactory
from workflows.leasing.choices import ClauseKind
from workflows.leasing.models import (
    ContractTemplate,
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


def scanned_pdf(name="signed.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf"
    )
