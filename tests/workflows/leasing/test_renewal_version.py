"""A renewal that changes the terms is a new contract version through Legal (P6.1)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from tests.workflows.leasing.factories import ContractFactory
from workflows.core.exceptions import CommandPermissionDenied
from workflows.leasing import services
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.exceptions import LeasingInvalid, UnitDoubleBooked
from workflows.leasing.models import Contract, UnitBooking

from .conftest import sign

pytestmark = pytest.mark.django_db


def fresh(record):
    return type(record)._default_manager.get(pk=record.pk)


def actions(record):
    return list(
        ModelLogEntry.objects.filter(
            content_type__model=record._meta.model_name, object_id=str(record.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def running(make_contract):
    return make_contract(CS.ACTIVE)


def new_rate_version(contract, user, days=90, rate="1800.50"):
    line = contract.plan.lines.get()
    return services.start_renewal_version(
        contract,
        user=user,
        new_end=contract.period_end + timedelta(days=days),
        rates={str(line.pk): rate},
    )


def through_legal(version, sales, legal):
    version = services.submit_contract(version, user=sales)
    version = services.approve_contract(version, user=legal)
    return sign(version, sales)


class TestDrafting:
    def test_a_new_rate_drafts_a_version_linked_to_the_running_contract(self, running, sales):
        new_end = running.period_end + timedelta(days=90)

        version = new_rate_version(running, sales)

        assert version.state == CS.DRAFT and version.previous_version == running
        assert version.number != running.number and version.number.startswith("LC")
        assert version.period_start == running.period_end + timedelta(days=1)
        assert version.period_end == new_end
        line = version.plan.lines.get()
        assert line.unit_rate == Decimal("1800.50") and line.quantity == 2
        assert version.plan.state == PS.ACCEPTED and version.plan.rent_total > 0
        assert version.clauses.count() >= 6
        pending = UnitBooking.objects.filter(contract=version)
        assert {b.unit_id for b in pending} == {
            b.unit_id for b in running.bookings.filter(active=True)
        }
        assert not any(b.active for b in pending)
        assert fresh(running).state == CS.ACTIVE
        assert "leasing.renewal_version" in actions(running)

    def test_fewer_units_is_a_change_of_terms(self, running, sales):
        kept = running.bookings.filter(active=True).order_by("unit_id").first().unit_id

        version = services.start_renewal_version(
            running,
            user=sales,
            new_end=running.period_end + timedelta(days=30),
            keep_units=[kept],
        )

        assert version.plan.lines.get().quantity == 1
        assert list(version.bookings.values_list("unit_id", flat=True)) == [kept]

    def test_the_end_date_alone_is_a_plain_renewal(self, running, sales):
        line = running.plan.lines.get()
        with pytest.raises(LeasingInvalid) as refused:
            services.start_renewal_version(
                running,
                user=sales,
                new_end=running.period_end + timedelta(days=30),
                rates={line.pk: line.unit_rate},
            )
        assert refused.value.code == "same_terms"
        assert not Contract.objects.filter(previous_version=running).exists()

    def test_one_version_at_a_time(self, running, sales):
        first = new_rate_version(running, sales)
        with pytest.raises(LeasingInvalid) as refused:
            new_rate_version(running, sales, rate="1700")
        assert first.number in str(refused.value)

    def test_a_unit_booked_after_refuses_naming_the_contract(self, running, sales):
        booking = running.bookings.filter(active=True).first()
        other = ContractFactory()
        UnitBooking.objects.create(
            contract=other,
            plan_line=other.plan.lines.first(),
            unit=booking.unit,
            start=booking.end + timedelta(days=10),
            end=booking.end + timedelta(days=40),
        )
        with pytest.raises(UnitDoubleBooked) as refused:
            new_rate_version(running, sales)
        assert other.number in str(refused.value)
        assert not Contract.objects.filter(previous_version=running).exists()

    def test_a_contract_not_running_is_refused(self, make_contract, sales):
        signed = make_contract(CS.SIGNED)
        with pytest.raises(LeasingInvalid):
            new_rate_version(signed, sales)

    def test_finance_may_not(self, running, staff):
        from workflows.core import roles

        with pytest.raises(CommandPermissionDenied):
            new_rate_version(running, staff[roles.FINANCE])
        assert not Contract.objects.filter(previous_version=running).exists()


class TestSigning:
    def test_legal_reviews_then_signing_moves_the_bookings_and_renews_the_old(
        self, running, sales, legal
    ):
        version = new_rate_version(running, sales)
        version = services.submit_contract(version, user=sales)
        assert version.state == CS.IN_LEGAL_REVIEW
        version = services.approve_contract(version, user=legal)
        version = sign(version, sales)

        assert version.state == CS.ACTIVE and version.activated_at
        acts = actions(version)
        assert "leasing.sign" in acts and acts[-1] == "leasing.activate"
        old = fresh(running)
        assert old.state == CS.RENEWED and old.due_at is None
        assert old.renewed_from == old.period_end
        assert actions(old)[-1] == "leasing.renew"
        assert old.successor() == version
        held = version.bookings.filter(active=True)
        assert held.count() == 2
        assert all(
            (b.start, b.end) == (version.period_start, version.period_end + timedelta(days=1))
            for b in held
        )

    def test_signing_is_refused_when_a_unit_was_booked_after_meanwhile(self, running, sales, legal):
        version = new_rate_version(running, sales)
        version = services.submit_contract(version, user=sales)
        version = services.approve_contract(version, user=legal)
        pending = version.bookings.first()
        other = ContractFactory()
        UnitBooking.objects.create(
            contract=other,
            plan_line=other.plan.lines.first(),
            unit=pending.unit,
            start=pending.start + timedelta(days=3),
            end=pending.start + timedelta(days=20),
        )

        with pytest.raises(UnitDoubleBooked) as refused:
            sign(version, sales)

        assert other.number in str(refused.value)
        assert fresh(version).state == CS.APPROVED
        assert fresh(running).state == CS.ACTIVE
        assert not version.bookings.filter(active=True).exists()

    def test_the_renewed_contract_is_not_announced_renewed_or_returned_again(
        self, running, sales, legal
    ):
        version = through_legal(new_rate_version(running, sales), sales, legal)
        from django.utils import timezone

        old = fresh(running)
        soon = timezone.localdate() + timedelta(days=3)
        Contract.objects.filter(pk=old.pk).update(
            period_end=soon, period_start=soon - timedelta(90)
        )

        assert services.start_lease_endings() == 0
        assert fresh(old).state == CS.RENEWED
        with pytest.raises(LeasingInvalid) as refused:
            services.renew_contract(old, user=sales, new_end=version.period_end + timedelta(1))
        assert version.number in str(refused.value)

    def test_an_end_date_renewal_keeps_working(self, running, sales):
        contract = services.renew_contract(
            running, user=sales, new_end=running.period_end + timedelta(days=10)
        )
        assert contract.state == CS.RENEWED and contract.renewals == 1
        assert not Contract.objects.filter(previous_version=running).exists()


class TestTheAdminForm:
    def url(self, contract):
        from django.urls import reverse

        return reverse("wagtailsnippets_leasing_contract:renewal_version", args=[contract.pk])

    def test_sales_drafts_the_version_from_the_running_contract(
        self, client, running, sales, english_admin
    ):
        from django.urls import reverse

        client.force_login(sales)
        inspect = client.get(reverse("wagtailsnippets_leasing_contract:inspect", args=[running.pk]))
        assert self.url(running) in inspect.content.decode()
        page = client.get(self.url(running))
        assert page.status_code == 200
        line = running.plan.lines.get()
        units = [str(b.unit_id) for b in running.bookings.filter(active=True)]
        new_end = running.period_end + timedelta(days=60)

        response = client.post(
            self.url(running),
            {"new_end": new_end.isoformat(), f"rate_{line.pk}": "999.00", "keep_units": units},
        )

        version = Contract.objects.get(previous_version=running)
        assert response.status_code == 302
        assert response["Location"].endswith(f"/inspect/{version.pk}/")
        assert version.plan.lines.get().unit_rate == Decimal("999.00")
        shown = client.get(response["Location"]).content.decode()
        assert "data-pending-bookings" in shown
        old_page = client.get(
            reverse("wagtailsnippets_leasing_contract:inspect", args=[running.pk])
        ).content.decode()
        assert "data-next-versions" in old_page and version.number in old_page

    def test_unchanged_terms_are_shown_on_the_form(self, client, running, sales, english_admin):
        client.force_login(sales)
        line = running.plan.lines.get()
        units = [str(b.unit_id) for b in running.bookings.filter(active=True)]
        response = client.post(
            self.url(running),
            {
                "new_end": (running.period_end + timedelta(days=60)).isoformat(),
                f"rate_{line.pk}": str(line.unit_rate),
                "keep_units": units,
            },
        )
        assert response.status_code == 200
        assert "Only the end date changes" in response.content.decode()
        assert not Contract.objects.filter(previous_version=running).exists()

    def test_after_sales_and_finance_get_403(self, client, running, staff):
        from workflows.core import roles

        for role in (roles.AFTER_SALES, roles.FINANCE):
            client.force_login(staff[role])
            assert client.get(self.url(running)).status_code == 403
            assert client.post(self.url(running), {}).status_code == 403
        assert not Contract.objects.filter(previous_version=running).exists()
