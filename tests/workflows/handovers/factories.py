"""Factories for handovers; records move through `workflows.handovers.services`.

These build one record in one step, for tests that need one to act on (a
command's refusal); the process itself is built through the services (conftest).
"""

import base64
import io
from datetime import time, timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from tests.workflows.fleet.factories import EquipmentUnitFactory
from tests.workflows.leasing.factories import ContractFactory
from workflows.core.numbering import next_reference
from workflows.handovers.models import Delivery, LeaseReturn, Refurbishment


class DeliveryFactory(DjangoModelFactory):
    class Meta:
        model = Delivery

    reference = factory.LazyFunction(lambda: next_reference(Delivery.REFERENCE_PREFIX))
    contract = factory.SubFactory(ContractFactory)
    scheduled_on = factory.LazyFunction(timezone.localdate)
    window_start = time(9)
    window_end = time(12)
    place = "新北市板橋區文化路一段 1 號工地"
    crew = "陳師傅、李師傅"
    vehicle = "ABC-1234"


class LeaseReturnFactory(DjangoModelFactory):
    class Meta:
        model = LeaseReturn

    reference = factory.LazyFunction(lambda: next_reference(LeaseReturn.REFERENCE_PREFIX))
    contract = factory.SubFactory(ContractFactory)
    return_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    window_start = time(9)
    window_end = time(12)
    place = "新北市板橋區文化路一段 1 號工地"


class RefurbishmentFactory(DjangoModelFactory):
    class Meta:
        model = Refurbishment

    reference = factory.LazyFunction(lambda: next_reference(Refurbishment.REFERENCE_PREFIX))
    unit = factory.SubFactory(EquipmentUnitFactory)
    expected_done_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


def png_bytes(size=(120, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (255, 255, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def drawn_signature():
    """What the canvas sends: a PNG as a data URL."""
    return "data:image/png;base64," + base64.b64encode(png_bytes()).decode()


def photo(name="damage.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
