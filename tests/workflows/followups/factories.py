"""Follow-ups and the lease contracts they follow.

Contracts belong to leasing; its own tests move them through Legal's review and
the signing. Here a contract is only the thing followed up, so `ContractFactory`
builds the rows (requirement, plan, contract) directly in the state a test
needs, which keeps fifty of them cheap; `test_schedule.py` also follows one
contract signed through the leasing services.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.workflows.customers.factories import CustomerFactory
from tests.workflows.leasing.factories import ContractTemplateFactory, RequirementFactory
from workflows.followups.models import FollowUp
from workflows.leasing.choices import ContractState, PlanState
from workflows.leasing.models import Contract, LeasePlan


class LeasePlanFactory(DjangoModelFactory):
    class Meta:
        model = LeasePlan

    reference = factory.Sequence(lambda n: f"P2611-{n:06d}")
    state = PlanState.ACCEPTED
    requirement = factory.SubFactory(RequirementFactory)
    customer = factory.SelfAttribute("requirement.customer")
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class ContractFactory(DjangoModelFactory):
    """A signed contract whose lease runs from 60 days ago for a year, unless told otherwise."""

    class Meta:
        model = Contract

    number = factory.Sequence(lambda n: f"L2611-{n:06d}")
    state = ContractState.SIGNED
    customer = factory.SubFactory(CustomerFactory)
    plan = factory.SubFactory(
        LeasePlanFactory, requirement__customer=factory.SelfAttribute("...customer")
    )
    template = factory.SubFactory(ContractTemplateFactory, clauses=[])
    title = "設備租賃契約書"
    language = "zh-hant"
    period_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    period_end = factory.LazyAttribute(lambda c: c.period_start + timedelta(days=364))
    delivery_date = factory.SelfAttribute("period_start")
    delivery_place = "新北市板橋區文化路一段 1 號工地"
    signed_on = factory.SelfAttribute("period_start")


class FollowUpFactory(DjangoModelFactory):
    """A follow-up due today; record or skip it with the services, never the state field."""

    class Meta:
        model = FollowUp

    reference = factory.Sequence(lambda n: f"F2611-T{n:05d}")
    contract = factory.SubFactory(ContractFactory)
    customer = factory.SelfAttribute("contract.customer")
    scheduled_for = factory.LazyFunction(timezone.localdate)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
