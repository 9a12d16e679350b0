"""Factories for the fleet; units are created available and moved through `services`."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from workflows.fleet.models import (
    Accessory,
    EquipmentCategory,
    EquipmentCategoryText,
    EquipmentModel,
    EquipmentModelText,
    EquipmentUnit,
)


class EquipmentCategoryFactory(DjangoModelFactory):
    class Meta:
        model = EquipmentCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"工程機械 {n}")
    slug = factory.Sequence(lambda n: f"construction-{n}")


class EquipmentModelFactory(DjangoModelFactory):
    class Meta:
        model = EquipmentModel

    category = factory.SubFactory(EquipmentCategoryFactory)
    maker = "Komatsu"
    name = factory.Sequence(lambda n: f"PC200-{n}")
    code = factory.Sequence(lambda n: f"EX-{n:04d}")
    specification = "操作重量 20 噸，斗容量 0.8 m³"
    configuration_options = "標準斗\n破碎機配管"
    rate_day = Decimal("6500.00")
    rate_week = Decimal("39000.00")
    rate_month = Decimal("120000.00")
    deposit = Decimal("100000.00")
    maintenance_cycle_days = 30
    published = True


class EquipmentCategoryTextFactory(DjangoModelFactory):
    """A category's name in English (give `language` for another)."""

    class Meta:
        model = EquipmentCategoryText

    category = factory.SubFactory(EquipmentCategoryFactory)
    language = "en"
    name = factory.Sequence(lambda n: f"Construction machinery {n}")


class EquipmentModelTextFactory(DjangoModelFactory):
    """A model's texts in English (give `language` for another)."""

    class Meta:
        model = EquipmentModelText

    equipment_model = factory.SubFactory(EquipmentModelFactory)
    language = "en"
    name = factory.Sequence(lambda n: f"PC200-{n} excavator")
    specification = "Operating weight 20 t, bucket 0.8 m³"
    configuration_options = "Standard bucket\nBreaker piping"


class AccessoryFactory(DjangoModelFactory):
    class Meta:
        model = Accessory

    equipment_model = factory.SubFactory(EquipmentModelFactory)
    name = "滅火器"
    quantity = 1


class EquipmentUnitFactory(DjangoModelFactory):
    class Meta:
        model = EquipmentUnit

    asset_number = factory.Sequence(lambda n: f"EQ-{n:05d}")
    serial_number = factory.Sequence(lambda n: f"SN{n:08d}")
    equipment_model = factory.SubFactory(EquipmentModelFactory)
    location = "桃園倉庫"
