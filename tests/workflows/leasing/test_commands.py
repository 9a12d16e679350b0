"""Leasing's business commands: each declared with who may run it, each refusing anyone else.

A refusal changes nothing: no record, no number taken, no History, no message,
whether the command is called directly or posted from the admin (403, the one
refusal page).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.workflows.customers.factories import CustomerFactory
from workflows.core import commands
from workflows.core.exceptions import CommandPermissionDenied
from workflows.core.models import OutboundMessage
from workflows.core.numbering import ReferenceCounter
from workflows.core.roles import ROLES
from workflows.core.transitions import transition_specs
from workflows.fleet.models import EquipmentUnit
from workflows.leasing import services
from workflows.leasing.choices import ClauseKind
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.exceptions import ContractNotEditable, LeasingInvalid
from workflows.leasing.models import (
    Contract,
    ContractCopy,
    LeasePlan,
    Requirement,
    TemplateClause,
    UnitBooking,
)
from workflows.leasing.permissions import may_draft_renewal

from .conftest import sign
from .factories import ContractFactory, LeasePlanFactory, RequirementFactory

pytestmark = pytest.mark.django_db

REQUIREMENT = "wagtailsnippets_leasing_requirement"
PLAN = "wagtailsnippets_leasing_leaseplan"
CONTRACT = "wagtailsnippets_leasing_contract"

TRANSITIONS = [(model, name) for model in (LeasePlan, Contract) for name in transition_specs(model)]

#: Every command of leasing that is not a transition, with the permission it asks for.
COMMANDS = {
    "leasing.record_requirement": "leasing.add_requirement",
    "leasing.create_plan": "leasing.add_leaseplan",
    "leasing.create_contract": "leasing.add_contract",
    "leasing.rebuild_clauses": "leasing.change_contract",
    "leasing.after_contract_edit": "leasing.change_contract",
    "leasing.assign_units": "leasing.change_contract",
    "leasing.send_copies": "leasing.sign_contract",
    # A renewal with changed terms drafts a new contract: renewing and drafting, both.
    "leasing.start_renewal_version": may_draft_renewal,
}


def day(offset):
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def entries(record):
    return ModelLogEntry.objects.filter(
        content_type__model=type(record)._meta.model_name, object_id=str(record.pk)
    ).count()


class TestTheDeclarations:
    def test_each_command_names_its_permission(self):
        declared = {
            name: klass.permission
            for name, klass in commands.registry().items()
            if name.startswith("leasing.") and klass.transition is None and not klass.public
        }
        assert declared == COMMANDS

    @pytest.mark.parametrize(("model", "name"), TRANSITIONS, ids=str)
    def test_every_transition_has_its_command(self, model, name):
        assert commands.for_transition(model, name) is not None

    def test_only_the_system_expires_plans(self):
        registry = commands.registry()
        assert registry["leasing.expire"].public
        assert registry["leasing.expire_overdue_plans"].public
        assert registry["leasing.expire_overdue_plans"].permission is None

    def test_every_role_without_the_permission_is_refused_each_command(self, staff):
        plan = LeasePlanFactory()
        contract = ContractFactory()
        records = {LeasePlan: plan, Contract: contract, Requirement: plan.requirement}
        for name, permission in COMMANDS.items():
            klass = commands.registry()[name]
            for role in ROLES:
                user = staff[role]
                record = records[klass.model]
                allowed = (
                    permission(user, record) if callable(permission) else user.has_perm(permission)
                )
                assert klass.user_may(user, record) == allowed, (name, role)


class TestRecordingARequirement:
    def test_is_refused_to_anyone_who_may_not_add_requirements(self, staff):
        requirement = RequirementFactory.build(customer=CustomerFactory())
        with pytest.raises(CommandPermissionDenied):
            services.record_requirement(requirement, user=staff["Legal"])
        assert not Requirement.objects.exists()

    def test_history_names_the_salesperson(self, sales):
        requirement = RequirementFactory.build(customer=CustomerFactory())
        requirement = services.record_requirement(requirement, user=sales)
        entry = ModelLogEntry.objects.get(object_id=str(requirement.pk))
        assert (entry.action, entry.user) == ("wagtail.create", sales)

    def test_a_post_by_legal_is_refused_with_403(self, client, staff, excavator):
        client.force_login(staff["Legal"])
        data = nested_form_data(
            {
                "customer": CustomerFactory().pk,
                "language": "zh-hant",
                "period_start": day(10),
                "period_end": day(20),
                "site_address": "板橋",
                "taken_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "lines": inline_formset(
                    [{"equipment_model": excavator.pk, "description": "", "quantity": 1}]
                ),
            }
        )
        response = client.post(reverse(f"{REQUIREMENT}:add"), data)
        assert response.status_code == 403
        assert not Requirement.objects.exists()


class TestCreatingAPlan:
    def test_is_refused_to_anyone_who_may_not_add_plans_and_takes_no_number(
        self, staff, requirement
    ):
        with pytest.raises(CommandPermissionDenied):
            services.create_plan(
                services.new_plan(requirement, user=staff["Legal"]), user=staff["Legal"]
            )
        assert not LeasePlan.objects.exists()
        assert not ReferenceCounter.objects.filter(prefix="LP", last__gt=0).exists()

    def test_a_post_by_legal_is_refused_with_403(self, client, staff, requirement):
        client.force_login(staff["Legal"])
        response = client.post(
            reverse(f"{PLAN}:add"),
            {
                "requirement": requirement.pk,
                "payment_method": "bank_transfer",
                "billing_cycle": "monthly",
                "valid_until": day(14),
                "language": "zh-hant",
            },
        )
        assert response.status_code == 403
        assert not LeasePlan.objects.exists()

    def test_plans_are_numbered_in_one_series_without_gaps(self, make_plan):
        first, second = make_plan(), make_plan()
        month = f"{timezone.localtime(first.created_at):%y%m}"
        assert (first.reference, second.reference) == (f"LP{month}-000001", f"LP{month}-000002")

    def test_a_revision_keeps_the_reference_and_takes_no_number(self, make_plan, sales):
        old = make_plan(PS.SENT)
        new = services.revise_plan(old, user=sales)
        assert new.reference == old.reference
        assert ReferenceCounter.objects.get(prefix="LP").last == 1


class TestCreatingAContract:
    def test_is_refused_to_anyone_who_may_not_add_contracts(self, staff, make_plan, template):
        plan = make_plan(PS.ACCEPTED)
        for role in ("Legal", "Customer Service", "After-sales", "Finance"):
            with pytest.raises(CommandPermissionDenied):
                services.create_contract(
                    services.new_contract(plan, user=staff[role]), user=staff[role]
                )
        assert not Contract.objects.exists()
        assert not ReferenceCounter.objects.filter(prefix="LC", last__gt=0).exists()

    def test_a_post_by_legal_is_refused_with_403(self, client, staff, make_plan, template):
        plan = make_plan(PS.ACCEPTED)
        client.force_login(staff["Legal"])
        response = client.post(
            reverse(f"{CONTRACT}:add") + f"?plan={plan.pk}",
            {
                "plan": plan.pk,
                "template": template.pk,
                "title": "設備租賃契約書",
                "language": "zh-hant",
                "period_start": plan.requirement.period_start.isoformat(),
                "period_end": plan.requirement.period_end.isoformat(),
                "delivery_date": plan.requirement.period_start.isoformat(),
                "delivery_place": "板橋",
            },
        )
        assert response.status_code == 403
        assert not Contract.objects.exists()

    def test_the_clauses_quote_the_contracts_own_number(self, make_plan, template, sales):
        TemplateClause.objects.create(
            template=template,
            sort_order=99,
            kind=ClauseKind.OTHER,
            title="契約編號",
            text="本契約編號 {contract_number}。",
        )
        contract = services.create_contract(
            services.new_contract(make_plan(PS.ACCEPTED), user=sales), user=sales
        )
        assert contract.number.startswith("LC")
        assert contract.clauses.get(title="契約編號").text == f"本契約編號 {contract.number}。"
        entry = ModelLogEntry.objects.get(
            object_id=str(contract.pk), content_type__model="contract"
        )
        assert (entry.action, entry.user) == ("wagtail.create", sales)

    def test_a_refused_draft_gives_no_number_away(self, make_contract, sales):
        first = make_contract(assign=False)
        with pytest.raises(LeasingInvalid):
            services.create_contract(services.new_contract(first.plan, user=sales), user=sales)
        services.cancel_contract(first, user=sales, reason="重新議約")
        second = services.create_contract(services.new_contract(first.plan, user=sales), user=sales)
        assert second.number == first.number[:-6] + "000002"


class TestRebuildingTheClauses:
    def test_is_refused_to_anyone_who_may_not_change_contracts(self, make_contract, staff):
        contract = make_contract(assign=False)
        contract.clauses.filter(kind=ClauseKind.LIABILITY).update(text="手改的條文")
        before = entries(contract)
        for role in ("Legal", "Customer Service", "After-sales"):
            with pytest.raises(CommandPermissionDenied):
                services.rebuild_clauses(contract, user=staff[role])
        assert contract.clauses.get(kind=ClauseKind.LIABILITY).text == "手改的條文"
        assert entries(contract) == before

    def test_is_refused_while_legal_reviews_it(self, make_contract, sales):
        contract = make_contract(CS.IN_LEGAL_REVIEW)
        with pytest.raises(ContractNotEditable):
            services.rebuild_clauses(contract, user=sales)

    def test_a_post_by_legal_is_refused_with_403(self, client, legal, make_contract):
        contract = make_contract(assign=False)
        contract.clauses.filter(kind=ClauseKind.LIABILITY).update(text="手改的條文")
        client.force_login(legal)
        url = reverse(f"{CONTRACT}:edit", args=[contract.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, {"title": "改過", "rebuild_clauses": "on"})
        assert response.status_code == 403
        contract.refresh_from_db()
        assert contract.title == "設備租賃契約書"
        assert contract.clauses.get(kind=ClauseKind.LIABILITY).text == "手改的條文"


class TestAssigningUnits:
    def test_is_refused_to_anyone_who_may_not_change_contracts(self, make_contract, staff):
        contract = make_contract(assign=False)
        line = contract.plan.lines.get()
        free = list(EquipmentUnit.objects.order_by("pk")[: line.quantity])
        for role in ("Legal", "Customer Service", "After-sales"):
            with pytest.raises(CommandPermissionDenied):
                services.assign_units(contract, user=staff[role], assignments={line: free})
        assert not UnitBooking.objects.exists()

    def test_a_post_by_legal_is_refused_with_403(self, client, legal, make_contract, units):
        contract = make_contract(assign=False)
        line = contract.plan.lines.get()
        client.force_login(legal)
        url = reverse(f"{CONTRACT}:assign_units", args=[contract.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, {f"line_{line.pk}": [units[0].pk, units[1].pk]})
        assert response.status_code == 403
        assert not UnitBooking.objects.exists()


class TestSendingCopies:
    def test_is_refused_to_anyone_who_may_not_record_signing(self, make_contract, staff):
        contract = make_contract(CS.SIGNED)
        copies = ContractCopy.objects.count()
        messages = OutboundMessage.objects.count()
        for role in ("Legal", "Customer Service", "After-sales", "Finance"):
            with pytest.raises(CommandPermissionDenied):
                services.send_copies(contract, user=staff[role])
        assert (ContractCopy.objects.count(), OutboundMessage.objects.count()) == (
            copies,
            messages,
        )

    def test_only_a_signed_contract_is_copied(self, make_contract, sales, staff):
        contract = make_contract(CS.APPROVED)
        with pytest.raises(LeasingInvalid):
            services.send_copies(contract, user=sales)
        assert not ContractCopy.objects.exists()
        assert sign(contract, sales).state == CS.SIGNED
        assert ContractCopy.objects.exists()


class TestExpiringPlans:
    def test_the_whole_backlog_expires_in_a_constant_number_of_queries(self, make_plan):
        def lapse(count):
            plans = [make_plan(PS.SENT) for _ in range(count)]
            LeasePlan.objects.filter(pk__in=[p.pk for p in plans]).update(
                valid_until=timezone.localdate() - timedelta(days=1)
            )
            with CaptureQueriesContext(connection) as queries:
                assert services.expire_overdue_plans() == count
            return len(queries)

        assert lapse(1) == lapse(4)
        assert set(LeasePlan.objects.values_list("state", flat=True)) == {PS.EXPIRED}

    def test_each_expired_plan_has_one_entry_by_nobody_and_nothing_is_due(self, make_plan):
        plan = make_plan(PS.SENT)
        later = timezone.now() + timedelta(days=30)
        assert services.expire_overdue_plans(now=later) == 1
        assert services.expire_overdue_plans(now=later) == 0
        plan.refresh_from_db()
        assert (plan.state, plan.due_at, plan.state_changed_at) == (PS.EXPIRED, None, later)
        entry = ModelLogEntry.objects.filter(object_id=str(plan.pk)).latest("pk")
        assert (entry.action, entry.user, entry.data["from"], entry.data["to"]) == (
            "leasing.expire",
            None,
            PS.SENT,
            PS.EXPIRED,
        )

    def test_an_answered_plan_does_not_expire(self, make_plan):
        accepted = make_plan(PS.ACCEPTED)
        assert services.expire_overdue_plans(now=timezone.now() + timedelta(days=30)) == 0
        assert LeasePlan.objects.get(pk=accepted.pk).state == PS.ACCEPTED
