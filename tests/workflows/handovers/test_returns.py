"""The end of a lease (P6.1-P6.3): renewal, return, inspection, charges, refurbishment."""

from decimal import Decimal

import pytest
from django.db import transaction

from workflows.core.exceptions import (
    CommandPermissionDenied,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.fleet.choices import UnitState
from workflows.handovers import services
from workflows.handovers.choices import RefurbishmentState
from workflows.handovers.choices import ReturnState as R
from workflows.handovers.exceptions import HandoverInvalid
from workflows.handovers.models import DamageCharge, Refurbishment
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.models import UnitBooking

from .factories import photo
from .helpers import fresh, history, messages_about

pytestmark = pytest.mark.django_db


def receive_all(lease_return, user):
    for return_unit in lease_return.units.all():
        services.receive_unit(lease_return, user=user, return_unit=return_unit)


class TestScheduling:
    def test_time_and_place_agreed_every_unit_listed(self, make_return, active_contract):
        lease_return = make_return()
        assert lease_return.reference.startswith("HR")
        assert lease_return.place == active_contract.delivery_place
        assert lease_return.return_on == active_contract.period_end
        assert lease_return.units.count() == 2
        assert all(ru.delivery_unit_id for ru in lease_return.units.all())

    def test_a_contract_not_yet_delivered_is_refused(self, signed_contract, after_sales):
        with pytest.raises(HandoverInvalid):
            services.schedule_return(services.new_return(signed_contract), user=after_sales)

    def test_finance_may_not_schedule(self, active_contract, staff):
        from workflows.core import roles

        with pytest.raises(CommandPermissionDenied):
            services.schedule_return(
                services.new_return(active_contract), user=staff[roles.FINANCE]
            )


class TestReceiving:
    def test_bookings_end_at_receipt_and_the_unit_goes_to_refurbishment(
        self, make_return, after_sales
    ):
        lease_return = make_return()
        first, second = lease_return.units.select_related("unit")

        services.receive_unit(lease_return, user=after_sales, return_unit=first)

        assert not UnitBooking.objects.filter(unit=first.unit, active=True).exists()
        assert UnitBooking.objects.filter(unit=second.unit, active=True).exists()
        assert fresh(first.unit).state == UnitState.IN_SERVICE
        refurbishment = Refurbishment.objects.get(return_unit=first)
        assert refurbishment.state == RefurbishmentState.REFURBISHING
        assert fresh(lease_return.contract).state == CS.ACTIVE

        services.receive_unit(lease_return, user=after_sales, return_unit=second)

        contract = fresh(lease_return.contract)
        assert contract.state == CS.RETURNED and contract.returned_at
        assert history(contract)[-1] == "leasing.mark_returned"

    def test_expected_back_after_the_refurbishment_days_of_the_lease_terms(
        self, make_return, after_sales
    ):
        from datetime import timedelta

        from django.utils import timezone

        from workflows.leasing.models import LeaseTermSettings

        LeaseTermSettings.objects.update_or_create(pk=1, defaults={"refurbishment_days": 12})
        lease_return = make_return()
        first, second = lease_return.units.select_related("unit")

        services.receive_unit(lease_return, user=after_sales, return_unit=first)
        given = timezone.localdate() + timedelta(days=3)
        services.receive_unit(lease_return, user=after_sales, return_unit=second, ready_on=given)

        expected = timezone.localdate() + timedelta(days=12)
        assert fresh(first.unit).expected_back_on == expected
        assert Refurbishment.objects.get(return_unit=first).expected_done_on == expected
        assert fresh(second.unit).expected_back_on == given

    def test_a_unit_is_received_once(self, make_return, after_sales):
        lease_return = make_return()
        return_unit = lease_return.units.first()
        services.receive_unit(lease_return, user=after_sales, return_unit=return_unit)
        with pytest.raises(HandoverInvalid):
            services.receive_unit(lease_return, user=after_sales, return_unit=return_unit)

    def test_inspection_finished_only_when_every_unit_is_back(self, make_return, after_sales):
        lease_return = make_return()
        with pytest.raises(TransitionNotAvailable):
            services.finish_inspection(lease_return, user=after_sales)
        receive_all(lease_return, after_sales)
        lease_return = services.finish_inspection(
            lease_return, user=after_sales, expected_state=R.SCHEDULED
        )
        assert lease_return.state == R.INSPECTED
        assert history(lease_return)[-1] == "handovers.finish_inspection"


class TestCharges:
    def inspected(self, make_return, after_sales, charge="3500"):
        lease_return = make_return()
        return_unit = lease_return.units.first()
        services.record_damage(
            lease_return,
            user=after_sales,
            return_unit=return_unit,
            description="駕駛室玻璃破裂",
            proposed_charge=Decimal(charge),
            photo=photo(),
        )
        receive_all(lease_return, after_sales)
        return services.finish_inspection(lease_return, user=after_sales)

    def test_agreed_charges_are_stored_for_the_settlement(self, make_return, after_sales):
        lease_return = self.inspected(make_return, after_sales)
        lease_return = services.agree_charges(lease_return, user=after_sales)
        assert lease_return.state == R.AGREED
        charge = DamageCharge.objects.get(contract=lease_return.contract)
        assert charge.amount == Decimal("3500.00")
        assert charge.description == "駕駛室玻璃破裂"

    def test_a_negative_charge_is_refused(self, make_return, after_sales):
        lease_return = make_return()
        with pytest.raises(HandoverInvalid):
            services.record_damage(
                lease_return,
                user=after_sales,
                return_unit=lease_return.units.first(),
                description="刮傷",
                proposed_charge=Decimal("-1"),
            )

    def test_a_dispute_tells_sales_and_legal_once_after_commit(
        self, make_return, after_sales, sales, legal
    ):
        lease_return = self.inspected(make_return, after_sales)
        with pytest.raises(TransitionNotAvailable):
            services.dispute_charges(lease_return, user=after_sales, reason=" ")
        with pytest.raises(RuntimeError), transaction.atomic():
            services.dispute_charges(lease_return, user=after_sales, reason="裂痕")
            raise RuntimeError("the request failed after the command")
        assert messages_about(lease_return, "handovers/charges_disputed") == []
        assert fresh(lease_return).state == R.INSPECTED

        lease_return = services.dispute_charges(
            lease_return, user=after_sales, reason="客戶認為玻璃原本就有裂痕"
        )

        told = messages_about(lease_return, "handovers/charges_disputed")
        assert {m.recipient_user for m in told} == {sales, legal}
        with pytest.raises(TransitionNotAvailable):
            services.dispute_charges(lease_return, user=after_sales, reason="again")
        assert len(messages_about(lease_return, "handovers/charges_disputed")) == 2
        assert lease_return.due_at is not None

    def test_sales_settles_a_dispute_with_the_amount_agreed(self, make_return, after_sales, sales):
        lease_return = self.inspected(make_return, after_sales)
        lease_return = services.dispute_charges(lease_return, user=after_sales, reason="金額過高")
        damage = lease_return.units.first().damages.get()
        with pytest.raises(TransitionPermissionDenied):
            services.settle_dispute(lease_return, user=after_sales)

        lease_return = services.settle_dispute(
            lease_return, user=sales, amounts={damage.pk: Decimal("2000")}
        )

        assert lease_return.state == R.AGREED
        assert DamageCharge.objects.get(damage=damage).amount == Decimal("2000.00")


class TestRefurbishment:
    def test_finishing_makes_the_unit_available(self, make_return, after_sales):
        lease_return = make_return()
        return_unit = lease_return.units.first()
        services.receive_unit(lease_return, user=after_sales, return_unit=return_unit)
        refurbishment = Refurbishment.objects.get(return_unit=return_unit)
        assert refurbishment.due_at is not None

        refurbishment = services.finish_refurbishment(
            refurbishment, user=after_sales, work_done="清潔、換機油、更換履帶銷"
        )

        assert refurbishment.state == RefurbishmentState.DONE
        assert fresh(return_unit.unit).state == UnitState.AVAILABLE
        assert history(return_unit.unit)[-1] == "fleet.make_available"
        with pytest.raises(TransitionNotAvailable):
            services.finish_refurbishment(refurbishment, user=after_sales)

    def test_sales_may_not_finish(self, make_return, after_sales, sales):
        lease_return = make_return()
        return_unit = lease_return.units.first()
        services.receive_unit(lease_return, user=after_sales, return_unit=return_unit)
        refurbishment = Refurbishment.objects.get(return_unit=return_unit)
        with pytest.raises(TransitionPermissionDenied):
            services.finish_refurbishment(refurbishment, user=sales)
        assert fresh(refurbishment).state == RefurbishmentState.REFURBISHING


class TestReplacementsComeBackWithTheLease:
    def test_a_spare_put_in_after_the_return_was_agreed_is_received_before_the_lease_ends(
        self, active_contract, make_return, after_sales
    ):
        from datetime import timedelta

        from django.utils import timezone

        from tests.workflows.fleet.factories import EquipmentUnitFactory
        from tests.workflows.servicing.factories import RepairFactory
        from workflows.servicing import services as servicing

        lease_return = make_return()
        first = lease_return.units.select_related("unit").first()
        spare = EquipmentUnitFactory(
            asset_number="SP-RET-1", equipment_model=first.unit.equipment_model
        )
        repair = RepairFactory(
            unit=first.unit, contract=active_contract, customer=active_contract.customer
        )
        repair = servicing.diagnose_repair(repair, user=after_sales, diagnosis="履帶鬆脫")
        booking = UnitBooking.objects.get(contract=active_contract, unit=first.unit, active=True)
        repair = servicing.swap_in_replacement(
            repair,
            user=after_sales,
            replacement=spare,
            last_day=max(booking.start, timezone.localdate()) + timedelta(days=3),
        )

        receive_all(lease_return, after_sales)

        assert fresh(active_contract).state == CS.ACTIVE
        spare_line = lease_return.units.get(unit=spare)
        assert "handovers.list_units" in history(lease_return)

        services.receive_unit(lease_return, user=after_sales, return_unit=spare_line)

        assert not UnitBooking.objects.filter(unit=spare, active=True).exists()
        assert fresh(active_contract).state == CS.RETURNED
        assert Refurbishment.objects.filter(unit=spare).exists()
