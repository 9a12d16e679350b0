"""Factories for complaints; move them through `services`, never through the state field."""

import io
import uuid
from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from forms.models import ComplaintFormPage
from tests.site.factories import PageFactory
from tests.workflows.customers.factories import CustomerFactory
from workflows.complaints.choices import ComplaintCategory, ComplaintChannel
from workflows.complaints.models import Complaint, RentCredit, ServiceTask


class ComplaintFactory(DjangoModelFactory):
    """A complaint as received on the hotline, with the normal deadline for assigning it."""

    class Meta:
        model = Complaint

    reference = factory.Sequence(lambda n: f"K2611-T{n:05d}")  # never a real number
    channel = ComplaintChannel.HOTLINE
    complainant_name = factory.Sequence(lambda n: f"投訴人 {n}")
    company = "大安營造"
    phone = "0912-345-678"
    email = factory.Sequence(lambda n: f"complainant{n}@example.com")
    category = ComplaintCategory.EQUIPMENT_FAULT
    description = "挖土機第二天就漏油，工地停工半天。"
    language = "zh-hant"
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda c: c.received_at + timedelta(hours=24))


class RentCreditFactory(DjangoModelFactory):
    """A rent credit waiting for Finance, as a plan with a rent reduction creates it."""

    class Meta:
        model = RentCredit

    complaint = factory.SubFactory(ComplaintFactory)
    contract = factory.LazyFunction(lambda: make_contract())
    customer = factory.LazyAttribute(lambda credit: credit.contract.customer)
    amount = Decimal("3000.00")
    currency = "TWD"
    reason = "減免三天租金"


class ServiceTaskFactory(DjangoModelFactory):
    """A service task waiting for After-sales, as a plan with an extra service creates it."""

    class Meta:
        model = ServiceTask

    complaint = factory.SubFactory(ComplaintFactory)
    description = "免費加做一次全車保養"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))


def make_contract(customer=None, number=None):
    """A lease contract of `customer`, built directly: complaints only refer to it."""
    from workflows.core.numbering import next_reference
    from workflows.leasing.models import Contract, ContractTemplate, LeasePlan, Requirement

    customer = customer or CustomerFactory()
    today = timezone.localdate()
    requirement = Requirement.objects.create(
        customer=customer,
        period_start=today,
        period_end=today + timedelta(days=90),
        site_address="台中市西屯區工地",
    )
    # Numbered from the series, as the leasing app numbers them: a made-up number collides
    # with a real one in the month it names.
    plan = LeasePlan.objects.create(
        reference=next_reference(LeasePlan.REFERENCE_PREFIX),
        requirement=requirement,
        customer=customer,
        valid_until=today + timedelta(days=14),
    )
    template = ContractTemplate.objects.create(name="標準租賃合約", title="設備租賃合約")
    return Contract.objects.create(
        number=number or next_reference(Contract.REFERENCE_PREFIX),
        customer=customer,
        plan=plan,
        template=template,
        title="設備租賃合約",
        language="zh-hant",
        period_start=today,
        period_end=today + timedelta(days=90),
        delivery_date=today,
        delivery_place="台中市西屯區工地",
    )


def image_file(name="photo.jpg", size=(64, 48), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, image_format)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def pdf_file(name="invoice.pdf"):
    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def huge_image_file(name="huge.png", side=100_000):
    """A tiny PNG file whose header claims `side` × `side` pixels (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, content, content_type="image/png")


def html_as_jpg(name="photo.jpg"):
    return SimpleUploadedFile(
        name, b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )


class ComplaintFormPageFactory(PageFactory):
    class Meta:
        model = ComplaintFormPage

    title = "線上投訴"
    slug = "complaint"
    intro = "<p>請告訴我們發生了什麼事，我們會盡快處理。</p>"
    thank_you_text = "<p>感謝您的寶貴意見。</p>"


class ComplaintMessageFactory(factory.DictFactory):
    """The POST data of a filled-in public complaint form, as a browser sends it."""

    complainant_name = "王小明"
    company = "大安營造"
    phone = "0912-345-678"
    email = "wang@example.com"
    category = ComplaintCategory.DELIVERY
    matter_reference = "L2611-000001"
    description = "約好早上八點送達，十一點才到，工人等了三小時。"
    website = ""  # the honeypot, left empty by people
    submission_token = factory.LazyFunction(lambda: str(uuid.uuid4()))
