"""Leasing records brought to any state through the services, as Sales and Legal would."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.workflows.fleet.factories import EquipmentModelFactory, EquipmentUnitFactory
from workflows.core import roles
from workflows.fleet.models import EquipmentUnit
from workflows.leasing import services
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS

from .factories import (
    ContractTemplateFactory,
    RequirementFactory,
    RequirementLineFactory,
    scanned_pdf,
)


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its messages."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def legal(staff):
    return staff[roles.LEGAL]


@pytest.fixture
def excavator(db):
    return EquipmentModelFactory(maker="Komatsu", name="PC200", maintenance_cycle_days=30)


@pytest.fixture
def units(excavator):
    return [
        EquipmentUnitFactory(equipment_model=excavator, asset_number=f"EX-{i:03d}")
        for i in range(1, 5)
    ]


@pytest.fixture
def template(db):
    return ContractTemplateFactory()


@pytest.fixture
def requirement(sales, excavator):
    requirement = RequirementFactory(taken_by=sales)
    RequirementLineFactory(requirement=requirement, equipment_model=excavator, quantity=2)
    return requirement


@pytest.fixture
def make_plan(sales, excavator):
    """A plan of `requirement` (a fresh one by default) in `state`, through the services."""

    def build(state=PS.DRAFT, requirement=None, **fields):
        if requirement is None:
            requirement = RequirementFactory(taken_by=sales)
            RequirementLineFactory(requirement=requirement, equipment_model=excavator, quantity=2)
        plan = services.new_plan(requirement, user=sales)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan = services.create_plan(plan, user=sales)
        if state == PS.DRAFT:
            return plan
        plan = services.send_plan(plan, user=sales)
        if state == PS.SENT:
            return plan
        if state == PS.ACCEPTED:
            return services.accept_plan(plan, user=sales)
        if state == PS.DECLINED:
            return services.decline_plan(plan, user=sales, reason="預算不足")
        if state == PS.EXPIRED:
            type(plan).objects.filter(pk=plan.pk).update(
                valid_until=timezone.localdate() - timedelta(days=1)
            )
            services.expire_overdue_plans()
            plan.refresh_from_db()
            return plan
        if state == PS.SUPERSEDED:
            services.revise_plan(plan, user=sales)
            plan.refresh_from_db()
            return plan
        raise ValueError(state)

    return build


@pytest.fixture
def make_contract(sales, legal, make_plan, template, units, staff):
    """A contract in `state`, its units booked, moved through the services."""

    def build(state=CS.DRAFT, plan=None, assign=True):
        plan = plan or make_plan(PS.ACCEPTED)
        contract = services.create_contract(services.new_contract(plan, user=sales), user=sales)
        if assign:
            line = plan.lines.get()
            free = (
                EquipmentUnit.objects.filter(equipment_model=line.equipment_model)
                .exclude(lease_bookings__active=True)
                .order_by("pk")
            )
            contract = services.assign_units(
                contract, user=sales, assignments={line: list(free[: line.quantity])}
            )
        if state == CS.DRAFT:
            return contract
        if state == CS.CANCELLED:
            return services.cancel_contract(contract, user=sales, reason="客戶取消")
        contract = services.submit_contract(contract, user=sales)
        if state == CS.IN_LEGAL_REVIEW:
            return contract
        if state == CS.CHANGES_REQUESTED:
            return services.request_changes(contract, user=legal, comments="第三條請補充")
        contract = services.approve_contract(contract, user=legal)
        if state == CS.APPROVED:
            return contract
        contract = sign(contract, sales)
        if state == CS.SIGNED:
            return contract
        return after_signing(contract, state, staff)

    return build


def after_signing(contract, state, staff):
    """A signed contract taken on, through the lease's own commands, to `state`
    (the delivery's acceptance activates it; the job announces its end)."""
    after_sales = staff[roles.AFTER_SALES]
    contract = services.activate_contract(contract, user=after_sales)
    if state == CS.ACTIVE:
        return contract
    if state == CS.RENEWED:
        return services.renew_contract(
            contract, user=after_sales, new_end=contract.period_end + timedelta(days=30)
        )
    if state == CS.ENDING:
        return services.start_ending(contract)
    contract = services.mark_contract_returned(contract, user=after_sales)
    if state == CS.RETURNED:
        return contract
    if state == CS.CLOSED:
        return services.close_contract(contract, user=after_sales)
    raise ValueError(state)


def sign(contract, user, **overrides):
    data = {
        "signed_on": timezone.localdate(),
        "customer_signatory": "林大明 董事長",
        "company_signatory": "王志明",
        "signed_original": scanned_pdf(),
        "archive_location": "法務室 A 櫃 第 3 層",
    }
    data.update(overrides)
    return services.sign_contract(contract, user=user, **data)
