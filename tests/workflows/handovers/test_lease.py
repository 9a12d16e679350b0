"""The contract after signing (issue item 1): active, ending, renewed, returned, closed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.workflows.leasing.factories import ContractFactory
from workflows.core.exceptions import TransitionNotAvailable, TransitionPermissionDenied
from workflows.fleet.models import end_of_day
from workflows.leasing import services
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.exceptions import LeasingInvalid, UnitDoubleBooked
from workflows.leasing.models import LeaseTermSettings, UnitBooking

from .helpers import fresh, history, messages_about

pytestmark = pytest.mark.django_db


def near_its_end(contract, days=10):
    """Move the lease so that it ends in `days` days."""
    type(contract).objects.filter(pk=contract.pk).update(
        period_end=timezone.localdate() + timedelta(days=days)
    )
    return fresh(contract)


class TestEnding:
    def test_the_job_announces_the_end_n_days_ahead_once(
        self, active_contract, after_sales, django_capture_on_commit_callbacks
    ):
        contract = active_contract
        contract.customer.email = "lin@example.com"
        contract.customer.save()
        LeaseTermSettings.objects.update_or_create(pk=1, defaults={"ending_notice_days": 14})
        assert services.start_lease_endings() == 0

        contract = near_its_end(contract, days=14)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert services.start_lease_endings() == 1
        assert mail.outbox == []
        for callback in callbacks:
            callback()

        contract = fresh(contract)
        assert contract.state == CS.ENDING
        assert contract.due_at.date() >= contract.period_end
        assert history(contract)[-1] == "leasing.start_ending"
        told = messages_about(contract, "leasing/lease_ending")
        assert [m.recipient_user for m in told] == [after_sales]
        assert [m.to for m in mail.outbox] == [["lin@example.com"]]
        assert services.start_lease_endings() == 0
        assert len(messages_about(contract, "leasing/lease_ending_customer")) == 1

    def test_a_leases_deadline_is_the_day_its_end_is_announced(self, active_contract):
        notice = LeaseTermSettings.load().ending_notice_days
        assert active_contract.due_at.date() <= active_contract.period_end - timedelta(
            days=notice - 1
        )


def leases_ending(count, days=5, customer_email="ops@example.com"):
    """`count` active leases ending in `days` days, each with its customer's address."""
    contracts = ContractFactory.create_batch(count)
    end = timezone.localdate() + timedelta(days=days)
    Contract = type(contracts[0])
    Contract.objects.filter(pk__in=[c.pk for c in contracts]).update(
        state=CS.ACTIVE, period_start=end - timedelta(days=90), period_end=end
    )
    for contract in contracts:
        type(contract.customer).objects.filter(pk=contract.customer_id).update(email=customer_email)
    return [fresh(c) for c in contracts]


class TestEndingIsSetBased:
    def test_queries_are_the_same_for_1_and_20_leases(self, after_sales, staff):
        """20, not 50: SQLite takes at most 999 parameters a query, so Django splits an insert
        of 100 messages in two there (one on PostgreSQL); 40 messages fit in one on both."""
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from workflows.core.models import OutboundMessage
        from workflows.leasing.models import Contract

        LeaseTermSettings.load()  # the setting row exists before counting
        ContentType.objects.get_for_model(Contract)
        ContentType.objects.get_for_model(OutboundMessage)
        one = leases_ending(1)
        with CaptureQueriesContext(connection) as single:
            assert services.start_lease_endings() == 1
        fifty = leases_ending(20, days=3)
        with CaptureQueriesContext(connection) as many:
            assert services.start_lease_endings() == 20

        assert len(many) == len(single), [q["sql"][:120] for q in many]
        for contract in one + fifty:
            contract = fresh(contract)
            assert contract.state == CS.ENDING
            assert contract.due_at == end_of_day(contract.period_end)
            assert history(contract)[-1:] == ["leasing.start_ending"]
            assert len(messages_about(contract, "leasing/lease_ending")) == 1
            assert len(messages_about(contract, "leasing/lease_ending_customer")) == 1
        count = OutboundMessage.objects.count()

        with CaptureQueriesContext(connection) as again:
            assert services.start_lease_endings() == 0
        assert OutboundMessage.objects.count() == count
        writes = [
            q["sql"] for q in again if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        ]
        assert writes == [] and len(again) < len(single)

    def test_a_renewed_lease_ends_from_renewed_in_its_history(self, after_sales):
        from wagtail.models import ModelLogEntry

        [contract] = leases_ending(1)
        type(contract).objects.filter(pk=contract.pk).update(state=CS.RENEWED)

        services.start_lease_endings()

        entry = ModelLogEntry.objects.filter(
            object_id=str(contract.pk), action="leasing.start_ending"
        ).get()
        assert entry.data["from"] == CS.RENEWED and entry.data["to"] == CS.ENDING
        assert entry.user_id is None
        assert fresh(contract).state == CS.ENDING


class TestRenewal:
    def test_extends_the_bookings(self, active_contract, sales):
        contract = near_its_end(active_contract)
        services.start_lease_endings()
        new_end = contract.period_end + timedelta(days=30)

        contract = services.renew_contract(
            fresh(contract), user=sales, new_end=new_end, expected_state=CS.ENDING
        )

        assert contract.state == CS.RENEWED
        assert contract.period_end == new_end and contract.renewals == 1
        for booking in UnitBooking.objects.filter(contract=contract, active=True):
            assert booking.end == new_end + timedelta(days=1)
        assert history(contract)[-1] == "leasing.renew"

    def test_refused_naming_the_contract_that_booked_a_unit_after(self, active_contract, sales):
        contract = active_contract
        booking = UnitBooking.objects.filter(contract=contract, active=True).first()
        other = ContractFactory()
        UnitBooking.objects.create(
            contract=other,
            plan_line=other.plan.lines.first(),
            unit=booking.unit,
            start=booking.end + timedelta(days=5),
            end=booking.end + timedelta(days=40),
        )

        with pytest.raises(UnitDoubleBooked) as refused:
            services.renew_contract(
                contract, user=sales, new_end=contract.period_end + timedelta(days=20)
            )

        assert other.number in str(refused.value)
        assert fresh(contract).state == CS.ACTIVE
        assert fresh(contract).period_end == contract.period_end
        assert UnitBooking.objects.get(pk=booking.pk).end == booking.end

    def test_a_new_end_not_later_is_refused(self, active_contract, sales):
        with pytest.raises(LeasingInvalid):
            services.renew_contract(active_contract, user=sales, new_end=active_contract.period_end)

    def test_finance_may_not_renew(self, active_contract, staff):
        from workflows.core import roles

        with pytest.raises(TransitionPermissionDenied):
            services.renew_contract(
                active_contract,
                user=staff[roles.FINANCE],
                new_end=active_contract.period_end + timedelta(days=30),
            )
        assert fresh(active_contract).state == CS.ACTIVE

    def test_a_signed_contract_not_delivered_cannot_be_renewed(self, signed_contract, sales):
        with pytest.raises(TransitionNotAvailable):
            services.renew_contract(
                signed_contract, user=sales, new_end=signed_contract.period_end + timedelta(1)
            )


class TestClosing:
    def test_closed_only_after_the_return(self, active_contract, after_sales, make_return):
        with pytest.raises(TransitionNotAvailable):
            services.close_contract(active_contract, user=after_sales)
        from workflows.handovers import services as handovers

        lease_return = make_return()
        for return_unit in lease_return.units.all():
            handovers.receive_unit(lease_return, user=after_sales, return_unit=return_unit)
        assert not UnitBooking.objects.filter(contract=active_contract, active=True).exists()

        contract = services.close_contract(fresh(active_contract), user=after_sales)

        assert contract.state == CS.CLOSED and contract.closed_at and contract.due_at is None

    def test_sales_may_not_close(self, active_contract, after_sales, sales, make_return):
        from workflows.handovers import services as handovers

        lease_return = make_return()
        for return_unit in lease_return.units.all():
            handovers.receive_unit(lease_return, user=after_sales, return_unit=return_unit)
        with pytest.raises(TransitionPermissionDenied):
            services.close_contract(fresh(active_contract), user=sales)
        assert fresh(active_contract).state == CS.RETURNED

    def test_activation_is_not_a_button(self, signed_contract, after_sales):
        from workflows.core.transitions import get_spec
        from workflows.leasing.models import Contract

        assert get_spec(Contract, "activate").automatic
        assert get_spec(Contract, "start_ending").automatic
