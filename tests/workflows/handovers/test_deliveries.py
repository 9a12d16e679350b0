"""The delivery handover (P3.1-P3.4), through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from workflows.core.exceptions import (
    CommandPermissionDenied,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.fleet.choices import UnitState
from workflows.handovers import services
from workflows.handovers.choices import ChecklistKind, SignatureSide
from workflows.handovers.choices import DeliveryState as S
from workflows.handovers.exceptions import HandoverInvalid
from workflows.handovers.models import ChecklistItem, Delivery
from workflows.leasing.choices import ContractState as CS

from .conftest import accept_everything, tick_all
from .factories import drawn_signature, photo
from .helpers import fresh, history

pytestmark = pytest.mark.django_db


class TestScheduling:
    def test_place_and_date_come_from_the_contract(self, signed_contract):
        delivery = services.new_delivery(signed_contract)
        assert delivery.place == signed_contract.delivery_place
        assert delivery.scheduled_on == signed_contract.delivery_date

    def test_each_unit_gets_its_checklist_with_the_models_accessories(
        self, make_delivery, signed_contract
    ):
        delivery = make_delivery()
        assert delivery.reference.startswith("HD")
        assert delivery.state == S.SCHEDULED
        assert delivery.units.count() == 2
        labels = list(
            ChecklistItem.objects.filter(delivery_unit=delivery.units.first()).values_list(
                "kind", flat=True
            )
        )
        assert labels.count(ChecklistKind.ACCESSORY) == 2
        assert {ChecklistKind.CLEANED, ChecklistKind.MANUAL, ChecklistKind.PERFORMANCE} <= set(
            labels
        )
        assert history(delivery) == ["wagtail.create"]

    def test_deadline_is_the_contracts_delivery_date(self, make_delivery, signed_contract):
        delivery = make_delivery()
        assert delivery.due_at is not None
        assert delivery.due_at.date() >= signed_contract.delivery_date

    def test_a_contract_not_signed_is_refused(self, make_contract, after_sales):
        contract = make_contract(CS.APPROVED)
        with pytest.raises(HandoverInvalid):
            services.schedule_delivery(services.new_delivery(contract), user=after_sales)

    def test_scheduled_after_the_delivery_date_is_flagged_late(self, make_delivery):
        delivery = make_delivery()
        delivery.scheduled_on = delivery.contract.delivery_date + timedelta(days=2)
        assert delivery.is_late

    def test_sales_may_not_schedule(self, signed_contract, sales):
        with pytest.raises(CommandPermissionDenied):
            services.schedule_delivery(services.new_delivery(signed_contract), user=sales)


class TestPreparationAndDispatch:
    def test_ticked_by_a_named_person_with_the_time(self, make_delivery, after_sales):
        delivery = make_delivery()
        item = ChecklistItem.objects.filter(
            delivery_unit__delivery=delivery, kind=ChecklistKind.CLEANED
        ).first()
        services.tick_item(delivery, user=after_sales, item=item)
        item.refresh_from_db()
        assert item.ticked_by == after_sales and item.ticked_at is not None
        assert "handovers.tick_item" in history(delivery)

    def test_the_performance_test_needs_readings(self, make_delivery, after_sales):
        delivery = make_delivery()
        item = ChecklistItem.objects.filter(
            delivery_unit__delivery=delivery, kind=ChecklistKind.PERFORMANCE
        ).first()
        with pytest.raises(HandoverInvalid):
            services.tick_item(delivery, user=after_sales, item=item, readings="")

    def test_dispatch_refused_naming_the_unticked_item(self, make_delivery, after_sales):
        delivery = make_delivery()
        tick_all(delivery, after_sales)
        item = ChecklistItem.objects.filter(
            delivery_unit__delivery=delivery, kind=ChecklistKind.ACCESSORY
        ).last()
        ChecklistItem.objects.filter(pk=item.pk).update(ticked_at=None, ticked_by=None)

        with pytest.raises(HandoverInvalid) as refused:
            services.dispatch_delivery(delivery, user=after_sales)

        assert item.label in str(refused.value)
        assert item.delivery_unit.unit.asset_number in str(refused.value)
        assert fresh(delivery).state == S.SCHEDULED

    def test_dispatch_when_all_ticked(self, make_delivery, after_sales):
        delivery = make_delivery()
        tick_all(delivery, after_sales)
        delivery = services.dispatch_delivery(
            delivery, user=after_sales, expected_state=S.SCHEDULED
        )
        assert delivery.state == S.DISPATCHED and delivery.dispatched_at
        assert history(delivery)[-1] == "handovers.dispatch"

    def test_sales_may_not_dispatch(self, make_delivery, after_sales, sales):
        delivery = make_delivery()
        tick_all(delivery, after_sales)
        with pytest.raises(TransitionPermissionDenied):
            services.dispatch_delivery(delivery, user=sales)
        assert fresh(delivery).state == S.SCHEDULED

    def test_items_cannot_be_ticked_after_dispatch(self, make_delivery, after_sales):
        delivery = make_delivery(S.DISPATCHED)
        item = ChecklistItem.objects.filter(delivery_unit__delivery=delivery).first()
        with pytest.raises(HandoverInvalid):
            services.tick_item(delivery, user=after_sales, item=item)


class TestDemonstration:
    def test_records_who_attended(self, make_delivery):
        delivery = make_delivery(S.DEMONSTRATED)
        assert delivery.attendees == "林大明（工地主任）"
        assert delivery.demonstrated_at is not None

    def test_refused_without_attendees(self, make_delivery, after_sales):
        delivery = make_delivery(S.DISPATCHED)
        with pytest.raises(TransitionNotAvailable):
            services.record_demonstration(delivery, user=after_sales, attendees=" ")

    def test_refused_before_dispatch(self, make_delivery, after_sales):
        delivery = make_delivery()
        with pytest.raises(TransitionNotAvailable):
            services.record_demonstration(delivery, user=after_sales, attendees="林大明")


class TestAcceptance:
    def test_a_problem_must_be_fixed_and_reinspected_first(self, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        delivery_unit = delivery.units.first()
        problem = services.record_problem(
            delivery,
            user=after_sales,
            delivery_unit=delivery_unit,
            description="左側護板刮傷",
            photo=photo(),
        )
        accept = {"appearance_ok": True, "performance_ok": True, "accessories_ok": True}
        with pytest.raises(HandoverInvalid, match="左側護板刮傷"):
            services.accept_unit(delivery, user=after_sales, delivery_unit=delivery_unit, **accept)
        services.fix_problem(delivery, user=after_sales, problem=problem, fix="補漆")
        with pytest.raises(HandoverInvalid):
            services.accept_unit(delivery, user=after_sales, delivery_unit=delivery_unit, **accept)
        services.reinspect_problem(delivery, user=after_sales, problem=problem)

        services.accept_unit(delivery, user=after_sales, delivery_unit=delivery_unit, **accept)

        delivery_unit.refresh_from_db()
        assert delivery_unit.accepted_at is not None

    def test_a_photo_that_is_not_an_image_is_refused(self, make_delivery, after_sales):
        from django.core.files.uploadedfile import SimpleUploadedFile

        delivery = make_delivery(S.DEMONSTRATED)
        with pytest.raises(ValidationError):
            services.record_problem(
                delivery,
                user=after_sales,
                delivery_unit=delivery.units.first(),
                description="刮傷",
                photo=SimpleUploadedFile("x.jpg", b"not an image"),
            )

    def test_completing_needs_every_unit_and_both_signatures(self, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        with pytest.raises(TransitionNotAvailable):
            services.accept_delivery(delivery, user=after_sales)
        for delivery_unit in delivery.units.all():
            services.accept_unit(
                delivery,
                user=after_sales,
                delivery_unit=delivery_unit,
                appearance_ok=True,
                performance_ok=True,
                accessories_ok=True,
            )
        services.sign_delivery(
            delivery,
            user=after_sales,
            side=SignatureSide.CUSTOMER,
            name="林大明",
            image=drawn_signature(),
        )
        with pytest.raises(TransitionNotAvailable, match="sign"):
            services.accept_delivery(delivery, user=after_sales)

    def test_a_signature_is_a_drawn_png(self, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        with pytest.raises(ValidationError, match="not an accepted file"):
            services.sign_delivery(
                delivery,
                user=after_sales,
                side=SignatureSide.CUSTOMER,
                name="林大明",
                image="data:image/png;base64,bm90IGEgcG5n",
            )

    def test_a_signed_scan_replaces_the_drawn_signatures(self, make_delivery, after_sales):
        from tests.workflows.leasing.factories import scanned_pdf

        delivery = make_delivery(S.DEMONSTRATED)
        for delivery_unit in delivery.units.all():
            services.accept_unit(
                delivery,
                user=after_sales,
                delivery_unit=delivery_unit,
                appearance_ok=True,
                performance_ok=True,
                accessories_ok=True,
            )
        services.upload_signed_checklist(delivery, user=after_sales, scan=scanned_pdf())
        assert services.accept_delivery(delivery, user=after_sales).state == S.ACCEPTED

    def test_acceptance_activates_the_contract_and_its_units(self, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        accept_everything(delivery, after_sales)

        delivery = services.accept_delivery(
            delivery, user=after_sales, expected_state=S.DEMONSTRATED
        )

        assert delivery.state == S.ACCEPTED and delivery.on_time is True
        contract = delivery.contract
        contract.refresh_from_db()
        assert contract.state == CS.ACTIVE and contract.activated_at
        assert contract.due_at is not None
        for delivery_unit in delivery.units.select_related("unit"):
            assert delivery_unit.unit.state == UnitState.ON_LEASE
            assert history(delivery_unit.unit)[-1] == "fleet.send_out"
        assert history(delivery)[-1] == "handovers.accept"
        assert history(contract)[-1] == "leasing.activate"

    def test_acceptance_asks_the_customer_once_how_the_delivery_went(
        self, make_delivery, after_sales
    ):
        from workflows.quality.models import Survey

        delivery = make_delivery(S.DEMONSTRATED)
        accept_everything(delivery, after_sales)

        delivery = services.accept_delivery(delivery, user=after_sales)

        survey = Survey.objects.get()
        assert survey.customer == delivery.contract.customer
        assert survey.employee == after_sales
        assert survey.occasion_key == f"delivery:handovers.delivery:{delivery.pk}"

    def test_late_acceptance_is_recorded_for_the_kpis(self, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        accept_everything(delivery, after_sales)
        type(delivery.contract).objects.filter(pk=delivery.contract_id).update(
            delivery_date=delivery.contract.delivery_date - timedelta(days=30)
        )
        delivery = services.accept_delivery(delivery, user=after_sales)
        assert delivery.on_time is False

    def test_a_user_without_permission_changes_nothing(self, make_delivery, after_sales):
        delivery = make_delivery(S.DEMONSTRATED)
        accept_everything(delivery, after_sales)
        with pytest.raises(TransitionPermissionDenied):
            services.accept_delivery(delivery, user=UserFactory(is_staff=True))
        assert fresh(delivery).state == S.DEMONSTRATED
        assert fresh(delivery.contract).state == CS.SIGNED


class TestEscalation:
    def test_a_delivery_past_the_contracts_delivery_date_is_escalated_once(
        self, make_delivery, after_sales, sales
    ):
        from django.utils import timezone

        from workflows.core.escalation import escalate_overdue

        delivery = make_delivery()
        Delivery.objects.filter(pk=delivery.pk).update(due_at=timezone.now() - timedelta(hours=1))

        assert escalate_overdue(Delivery) == 1
        assert escalate_overdue(Delivery) == 0

        assert fresh(delivery).escalated_at is not None
