"""The follow-up schedule (P4.4): Customer Service contacts each customer with an active
lease every N days; the periodic job creates the follow-ups that fall due."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.periodic import run_all
from workflows.followups import services
from workflows.followups.choices import FollowUpState as S
from workflows.followups.models import FollowUp, FollowUpSettings
from workflows.leasing.choices import ContractState

from .factories import ContractFactory, FollowUpFactory

pytestmark = pytest.mark.django_db

JOB = "schedule_follow_ups"


def today():
    return timezone.localdate()


def run(day=None):
    return services.schedule_due_follow_ups(today=day)


def days_ago(n):
    return today() - timedelta(days=n)


class TestTheFirstFollowUpOfAContract:
    def test_falls_due_the_interval_after_the_lease_starts(self):
        contract = ContractFactory(period_start=days_ago(30))

        assert run() == 1

        follow_up = FollowUp.objects.get()
        assert follow_up.contract == contract
        assert follow_up.customer == contract.customer
        assert follow_up.state == S.DUE
        assert follow_up.scheduled_for == today()
        assert follow_up.reference == f"F{today():%y%m}-000001"

    def test_not_before(self):
        ContractFactory(period_start=days_ago(29))

        assert run() == 0
        assert not FollowUp.objects.exists()

    def test_it_must_be_done_within_the_set_days(self):
        ContractFactory()

        run()

        follow_up = FollowUp.objects.get()
        last_day = today() + timedelta(days=3)
        assert timezone.localtime(follow_up.due_at).date() == last_day
        assert timezone.localtime(follow_up.due_at).hour == 23

    def test_is_written_in_the_history(self):
        contract = ContractFactory()

        run()

        entry = ModelLogEntry.objects.get(object_id=str(FollowUp.objects.get().pk))
        assert entry.action == "wagtail.create"
        assert contract.number in entry.data["note"]


class TestRunningTheJobAgain:
    def test_creates_none_twice(self):
        ContractFactory.create_batch(3)

        assert run() == 3
        assert run() == 0
        assert run_all(only=[JOB])[JOB] == {"scheduled": 0}
        assert FollowUp.objects.count() == 3

    def test_creates_none_while_one_is_due_however_late(self):
        contract = ContractFactory(period_start=days_ago(200))
        FollowUpFactory(contract=contract, scheduled_for=days_ago(90))

        assert run() == 0
        assert FollowUp.objects.filter(contract=contract).count() == 1


class TestTheNextFollowUp:
    @pytest.mark.parametrize("state", [S.DONE, S.SKIPPED])
    def test_falls_due_the_interval_after_the_last_one(self, make, state):
        last = make(state, scheduled_for=days_ago(30))

        assert run() == 1

        new = FollowUp.objects.get(state=S.DUE)
        assert new.contract == last.contract

    def test_not_before(self, make):
        make(S.DONE, scheduled_for=days_ago(29))

        assert run() == 0

    def test_follows_the_interval_management_sets(self, make):
        settings = FollowUpSettings.load()
        settings.interval_days = 14
        settings.save()
        make(S.DONE, scheduled_for=days_ago(14))
        make(S.DONE, scheduled_for=days_ago(13))

        assert run() == 1


class TestContractsThatAreNotFollowedUp:
    @pytest.mark.parametrize(
        "state",
        [
            ContractState.DRAFT,
            ContractState.IN_LEGAL_REVIEW,
            ContractState.APPROVED,
            ContractState.CANCELLED,
        ],
    )
    def test_one_not_signed(self, state):
        ContractFactory(state=state)

        assert run() == 0

    def test_one_whose_lease_has_ended(self):
        ContractFactory(period_start=days_ago(100), period_end=days_ago(1))

        assert run() == 0

    def test_one_whose_lease_has_not_started(self):
        ContractFactory(period_start=today() + timedelta(days=1))

        assert run() == 0

    def test_but_the_last_day_of_the_lease_still_counts(self):
        ContractFactory(period_start=days_ago(100), period_end=today())

        assert run() == 1


class TestWhoGetsThem:
    def test_customer_service_finds_them_waiting(self, client, staff):
        ContractFactory()
        run()
        follow_up = FollowUp.objects.get()

        client.force_login(staff[roles.CUSTOMER_SERVICE])
        home = client.get("/admin/")

        assert follow_up.reference in home.text
        assert follow_up.customer.name in home.text

    def test_sales_does_not(self, client, staff):
        ContractFactory()
        run()

        client.force_login(staff[roles.SALES])
        home = client.get("/admin/")

        assert FollowUp.objects.get().reference not in home.text


class TestReferenceNumbers:
    def test_follow_the_f_series_without_gaps_in_one_run(self):
        ContractFactory.create_batch(3)

        run()

        assert sorted(FollowUp.objects.values_list("reference", flat=True)) == [
            f"F{today():%y%m}-{n:06d}" for n in (1, 2, 3)
        ]

    def test_carry_the_month_of_the_day_they_are_due(self):
        ContractFactory(period_start=days_ago(100))
        day = days_ago(40)

        run(day=day)

        assert FollowUp.objects.get().reference == f"F{day:%y%m}-000001"

    def test_go_on_after_one_added_by_hand(self, cs):
        first = services.add_follow_up(FollowUp(contract=ContractFactory()), user=cs)
        ContractFactory()

        run()

        numbers = sorted(FollowUp.objects.values_list("reference", flat=True))
        assert numbers == [first.reference, f"F{today():%y%m}-000002"]

    def test_a_run_that_loses_a_race_gives_its_numbers_back(self, monkeypatch):
        from django.db import IntegrityError

        ContractFactory()

        def collide(*args, **kwargs):
            raise IntegrityError("followup_one_open_per_contract")

        with monkeypatch.context() as patched:
            patched.setattr(FollowUp._default_manager, "bulk_create", collide)
            assert run() == 0
        assert run() == 1
        assert FollowUp.objects.get().reference == f"F{today():%y%m}-000001"


class TestTheJobHasNoUser:
    def test_it_is_a_public_command(self):
        assert services.schedule_due_follow_ups.command.public

    def test_history_names_nobody(self):
        ContractFactory()

        run()

        assert ModelLogEntry.objects.get().user is None


def test_the_job_works_in_a_constant_number_of_queries():
    ContractFactory()
    FollowUpSettings.load()
    run()  # the first run of the year opens the series' counter
    ContractFactory()
    with CaptureQueriesContext(connection) as one:
        assert run() == 1
    ContractFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        assert run() == 30

    assert len(many) == len(one)


class TestAContractSignedThroughLeasing:
    def test_is_followed_up_once_its_lease_runs(self, make_contract):
        from workflows.leasing.choices import ContractState as CS

        settings = FollowUpSettings.load()
        settings.interval_days = 14  # the lease of `make_contract` runs 30 days
        settings.save()
        contract = make_contract(CS.SIGNED)

        assert run(day=contract.period_start - timedelta(days=1)) == 0
        assert run(day=contract.period_start + timedelta(days=13)) == 0
        assert run(day=contract.period_start + timedelta(days=14)) == 1
        assert run(day=contract.period_end + timedelta(days=1)) == 0
        assert FollowUp.objects.get().contract == contract


class TestALeaseInForce:
    """Delivery makes a contract active, and its end is announced before it ends: the lease
    still runs, so its customer is still followed up (P4.4)."""

    @pytest.mark.parametrize(
        "state", [ContractState.ACTIVE, ContractState.ENDING, ContractState.RENEWED]
    )
    def test_is_followed_up_after_delivery_too(self, state):
        ContractFactory(period_start=days_ago(30), state=state)

        assert run() == 1

    @pytest.mark.parametrize(
        "state", [ContractState.RETURNED, ContractState.CLOSED, ContractState.CANCELLED]
    )
    def test_is_not_followed_up_once_returned_closed_or_cancelled(self, state):
        ContractFactory(period_start=days_ago(30), state=state)

        assert run() == 0
