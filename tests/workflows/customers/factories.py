"""Factories for customers; create through `services` when a test is about the rules."""

import factory
from factory.django import DjangoModelFactory

from workflows.customers.choices import CustomerKind
from workflows.customers.models import Customer, CustomerContact


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer

    kind = CustomerKind.COMPANY
    name = factory.Sequence(lambda n: f"大安營造 {n} 號股份有限公司")
    tax_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    phone = factory.Sequence(lambda n: f"02-2700-{n:04d}")
    email = factory.Sequence(lambda n: f"office{n}@builder.example")
    address = "台北市大安區復興南路一段 100 號"

    class Params:
        individual = factory.Trait(
            kind=CustomerKind.INDIVIDUAL,
            name=factory.Sequence(lambda n: f"王小明 {n}"),
            tax_number="",
        )


class CustomerContactFactory(DjangoModelFactory):
    class Meta:
        model = CustomerContact

    customer = factory.SubFactory(CustomerFactory)
    name = factory.Sequence(lambda n: f"林經理 {n}")
    title = "工務經理"
    phone = factory.Sequence(lambda n: f"0912-{n:06d}")
    email = factory.Sequence(lambda n: f"manager{n}@builder.example")
