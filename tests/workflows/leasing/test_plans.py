"""Lease plans (P2.2): built from the requirement, sent, answered, revised, expired."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core.exceptions import (
    CommandPermissionDenied,
    RecordChanged,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.periodic import run_all
from workflows.leasing import services
from workflows.leasing.choices import PlanState as S
from workflows.leasing.choices import RateBasis
from workflows.leasing.models import LeasePlan, PlanLine

pytestmark = pytest.mark.django_db

ALL = list(S)


def history(record):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="leasing",
            content_type__model=type(record)._meta.model_name,
            object_id=str(record.pk),
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def state_of(plan):
    return LeasePlan.objects.get(pk=plan.pk).state


class TestBuildingAPlan:
    def test_starts_as_a_draft_with_the_requirements_equipment_priced_from_the_catalogue(
        self, make_plan
    ):
        plan = make_plan()
        line = plan.lines.get()
        # A 30-day lease of a PC200: one month at 120,000 beats 30 days or 5 weeks.
        assert (line.quantity, line.rate_basis, line.periods, line.unit_rate) == (
            2,
            RateBasis.MONTH,
            Decimal("1.00"),
            Decimal("120000.00"),
        )
        assert line.rent == Decimal("240000.00")
        assert plan.rent_total == Decimal("240000.00")
        assert plan.deposit == Decimal("200000.00")  # 100,000 per unit × 2
        assert plan.grand_total == Decimal("440000.00")
        assert plan.state == S.DRAFT
        assert plan.customer == plan.requirement.customer
        # The first plan of the year in the series LP, dated by its creation.
        assert plan.reference == f"LP{timezone.localtime(plan.created_at):%y%m}-000001"
        assert plan.version == 1
        assert history(plan) == ["wagtail.create"]

    def test_an_agreed_deposit_replaces_the_catalogue_deposit(self, make_plan):
        plan = make_plan(deposit_agreed=Decimal("150000"))
        assert plan.deposit == Decimal("150000.00")
        assert plan.grand_total == Decimal("390000.00")

    def test_editing_a_line_reprices_the_plan(self, make_plan):
        plan = make_plan()
        line = plan.lines.get()
        line.periods = Decimal("1.25")
        line.unit_rate = Decimal("1000.05")
        line.save()
        plan.save()
        plan.refresh_from_db()
        assert plan.lines.get().rent == Decimal("2500.13")
        assert plan.rent_total == Decimal("2500.13")

    def test_a_line_without_a_rate_takes_the_catalogue_rate_of_its_basis(self, make_plan):
        plan = make_plan()
        line = PlanLine(
            plan=plan,
            equipment_model=plan.lines.get().equipment_model,
            quantity=1,
            rate_basis=RateBasis.WEEK,
            periods=Decimal("2"),
        )
        line.full_clean()
        line.save()
        assert line.unit_rate == Decimal("39000.00")
        assert line.rent == Decimal("78000.00")


class TestSending:
    def test_sends_a_draft_records_when_and_is_due_at_the_end_of_its_validity(
        self, make_plan, sales
    ):
        plan = make_plan()
        sent = services.send_plan(plan, user=sales, expected_state=S.DRAFT)
        assert sent.state == S.SENT
        assert sent.sent_at is not None
        assert timezone.localtime(sent.due_at).date() == plan.valid_until + timedelta(days=1)
        assert timezone.localtime(sent.due_at).hour == 0
        assert history(sent) == ["wagtail.create", "leasing.send"]

    @pytest.mark.parametrize("start", [s for s in ALL if s != S.DRAFT])
    def test_is_refused_from(self, make_plan, sales, start):
        plan = make_plan(start)
        with pytest.raises(TransitionNotAvailable):
            services.send_plan(plan, user=sales)
        assert state_of(plan) == start

    def test_needs_a_line(self, make_plan, sales):
        plan = make_plan()
        plan.lines.all().delete()
        with pytest.raises(TransitionNotAvailable) as excinfo:
            services.send_plan(plan, user=sales)
        assert "line" in excinfo.value.reason
        assert state_of(plan) == S.DRAFT

    def test_needs_a_validity_date_that_has_not_passed(self, make_plan, sales):
        plan = make_plan()
        LeasePlan.objects.filter(pk=plan.pk).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
        with pytest.raises(TransitionNotAvailable) as excinfo:
            services.send_plan(plan, user=sales)
        assert "valid until" in excinfo.value.reason
        assert state_of(plan) == S.DRAFT

    def test_only_sales_sends(self, make_plan, staff):
        plan = make_plan()
        for role in ("Legal", "Marketing", "Customer Service", "Finance"):
            with pytest.raises(CommandPermissionDenied):
                services.send_plan(plan, user=staff[role])
        assert state_of(plan) == S.DRAFT

    def test_someone_else_sending_first_is_reported(self, make_plan, sales):
        plan = make_plan()
        services.send_plan(plan, user=sales)
        with pytest.raises(RecordChanged):
            services.send_plan(plan, user=sales, expected_state=S.DRAFT)

    def test_the_amounts_sent_stay_when_the_catalogue_changes(self, make_plan, sales):
        plan = make_plan(S.SENT)
        model = plan.lines.get().equipment_model
        model.deposit = Decimal("1")
        model.save()
        accepted = services.accept_plan(plan, user=sales)
        assert accepted.deposit == Decimal("200000.00")


class TestTheCustomersAnswer:
    def test_acceptance_is_recorded_with_its_time(self, make_plan, sales):
        plan = services.accept_plan(make_plan(S.SENT), user=sales, expected_state=S.SENT)
        assert plan.state == S.ACCEPTED
        assert plan.answered_at is not None
        assert plan.due_at is None
        assert history(plan)[-1] == "leasing.accept"

    def test_a_decline_keeps_the_reason(self, make_plan, sales):
        plan = services.decline_plan(make_plan(S.SENT), user=sales, reason="改租他牌")
        assert plan.state == S.DECLINED
        assert plan.decline_reason == "改租他牌"
        entry = ModelLogEntry.objects.filter(object_id=str(plan.pk)).latest("pk")
        assert (entry.action, entry.data["note"]) == ("leasing.decline", "改租他牌")

    def test_a_decline_needs_a_reason(self, make_plan, sales):
        plan = make_plan(S.SENT)
        with pytest.raises(TransitionNotAvailable):
            services.decline_plan(plan, user=sales, reason="  ")
        assert state_of(plan) == S.SENT

    @pytest.mark.parametrize("start", [s for s in ALL if s != S.SENT])
    def test_no_answer_is_recorded_unless_the_plan_was_sent(self, make_plan, sales, start):
        plan = make_plan(start)
        with pytest.raises(TransitionNotAvailable):
            services.accept_plan(plan, user=sales)
        with pytest.raises(TransitionNotAvailable):
            services.decline_plan(plan, user=sales, reason="不要了")
        assert state_of(plan) == start


class TestRevising:
    @pytest.mark.parametrize("start", [S.SENT, S.DECLINED, S.EXPIRED])
    def test_makes_the_next_version_as_a_draft_and_keeps_the_old_one_readable(
        self, make_plan, sales, start
    ):
        old = make_plan(start)
        new = services.revise_plan(old, user=sales, expected_state=start, note="客戶要求降價")
        old.refresh_from_db()
        assert old.state == S.SUPERSEDED
        assert (new.state, new.version, new.reference) == (S.DRAFT, 2, old.reference)
        assert new.previous_version == old
        assert [
            (line.equipment_model_id, line.quantity, line.rate_basis, line.periods, line.rent)
            for line in new.lines.all()
        ] == [
            (line.equipment_model_id, line.quantity, line.rate_basis, line.periods, line.rent)
            for line in old.lines.all()
        ]
        assert old.lines.count() == 1
        assert new.grand_total == old.grand_total
        assert history(old)[-1] == "leasing.revise"
        assert history(new) == ["wagtail.create"]

    @pytest.mark.parametrize("start", [S.DRAFT, S.ACCEPTED, S.SUPERSEDED])
    def test_is_refused_from(self, make_plan, sales, start):
        plan = make_plan(start)
        with pytest.raises(TransitionNotAvailable):
            services.revise_plan(plan, user=sales)
        assert state_of(plan) == start
        assert LeasePlan.objects.filter(reference=plan.reference).count() == (
            2 if start == S.SUPERSEDED else 1
        )

    def test_the_database_allows_one_current_version_only(self, make_plan):
        plan = make_plan(S.SENT)
        with pytest.raises(IntegrityError):
            LeasePlan.objects.create(
                reference=plan.reference,
                version=2,
                requirement=plan.requirement,
                customer=plan.customer,
                valid_until=plan.valid_until,
            )

    def test_the_revision_can_be_sent_and_accepted(self, make_plan, sales):
        new = services.revise_plan(make_plan(S.DECLINED), user=sales)
        new = services.send_plan(new, user=sales)
        assert services.accept_plan(new, user=sales).state == S.ACCEPTED


class TestExpiring:
    def test_the_periodic_job_expires_sent_plans_after_their_last_valid_day_once(self, make_plan):
        lapsed = make_plan(S.SENT)
        last_day = make_plan(S.SENT)
        draft = make_plan()
        LeasePlan.objects.filter(pk__in=[lapsed.pk, draft.pk]).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
        LeasePlan.objects.filter(pk=last_day.pk).update(valid_until=timezone.localdate())

        assert run_all(only=["expire_lease_plans"]) == {"expire_lease_plans": {"expired": 1}}
        assert run_all(only=["expire_lease_plans"]) == {"expire_lease_plans": {"expired": 0}}

        assert state_of(lapsed) == S.EXPIRED
        assert state_of(last_day) == S.SENT
        assert state_of(draft) == S.DRAFT
        entry = ModelLogEntry.objects.filter(object_id=str(lapsed.pk)).latest("pk")
        assert (entry.action, entry.user_id) == ("leasing.expire", None)
        assert history(lapsed).count("leasing.expire") == 1

    def test_staff_cannot_expire_a_plan_by_hand(self, make_plan, sales):
        plan = make_plan(S.SENT)
        LeasePlan.objects.filter(pk=plan.pk).update(
            valid_until=timezone.localdate() - timedelta(days=1)
        )
        with pytest.raises(CommandPermissionDenied):
            services.expire_plan(plan, user=sales)
        with pytest.raises(TransitionPermissionDenied):
            services.plans.perform_transition(plan, "expire", user=sales)
        with pytest.raises(CommandPermissionDenied):
            services.expire_overdue_plans(user=sales)
        assert state_of(plan) == S.SENT
        assert "leasing.expire" not in history(plan)
