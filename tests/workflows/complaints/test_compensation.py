"""Rent credits for Finance and service tasks for After-sales, agreed in complaint plans (P9.4)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from workflows.complaints import services
from workflows.complaints.choices import Compensation, RentCreditState, ServiceTaskState
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.models import RentCredit, ServiceTask
from workflows.core import roles

from .helpers import history

pytestmark = pytest.mark.django_db

ALL_ROLES = list(roles.ROLE_PERMISSIONS)
CREDITS = "wagtailsnippets_complaints_rentcredit"
TASKS = "wagtailsnippets_complaints_servicetask"


@pytest.fixture
def credit(make, investigator, with_contract):
    complaint = make(S.INVESTIGATING, **with_contract)
    services.agree_plan(
        complaint,
        user=investigator,
        measures="減免三天租金",
        plan_owner=investigator,
        plan_deadline=timezone.now() + timedelta(days=2),
        compensation=Compensation.RENT_CREDIT,
        credit_amount="4500",
    )
    return RentCredit.objects.get()


@pytest.fixture
def task(make, investigator):
    complaint = make(S.INVESTIGATING)
    services.agree_plan(
        complaint,
        user=investigator,
        measures="免費加做保養",
        plan_owner=investigator,
        plan_deadline=timezone.now() + timedelta(days=2),
        compensation=Compensation.EXTRA_SERVICE,
        service_description="免費加做一次全車保養",
        service_due_date=timezone.localdate() + timedelta(days=3),
    )
    return ServiceTask.objects.get()


class TestFinanceAppliesRentCredits:
    def test_finance_sees_what_to_apply(self, client, staff, credit):
        client.force_login(staff[roles.FINANCE])

        response = client.get(reverse(f"{CREDITS}:list"))

        assert response.status_code == 200
        assert credit.complaint.reference in response.text
        assert credit.contract.number in response.text
        assert "4500.00" in response.text or "4,500.00" in response.text

    def test_finance_marks_it_applied_with_where(self, client, staff, credit):
        client.force_login(staff[roles.FINANCE])

        response = client.post(
            reverse(f"{CREDITS}:transition", args=[credit.pk, "apply"]),
            {"from_state": RentCreditState.PENDING, "finance_reference": "INV-2026-0042"},
        )

        assert response.status_code == 302
        credit.refresh_from_db()
        assert credit.state == RentCreditState.APPLIED
        assert credit.finance_reference == "INV-2026-0042"
        assert history(credit) == ["complaints.apply"]

    def test_without_the_invoice_number_it_is_refused(self, client, staff, credit):
        client.force_login(staff[roles.FINANCE])

        response = client.post(
            reverse(f"{CREDITS}:transition", args=[credit.pk, "apply"]),
            {"from_state": RentCreditState.PENDING, "finance_reference": ""},
        )

        assert response.status_code == 200
        credit.refresh_from_db()
        assert credit.state == RentCreditState.PENDING

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.FINANCE])
    def test_no_other_role_may_apply_it(self, client, staff, credit, role):
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{CREDITS}:transition", args=[credit.pk, "apply"]),
            {"from_state": RentCreditState.PENDING, "finance_reference": "X"},
        )

        assert response.status_code == 403
        credit.refresh_from_db()
        assert credit.state == RentCreditState.PENDING

    @pytest.mark.parametrize("view", ["add", "edit", "delete"])
    def test_nobody_adds_edits_or_deletes_credits_by_hand(self, client, staff, credit, view):
        client.force_login(staff["admin"])
        args = [] if view == "add" else [credit.pk]

        response = client.post(reverse(f"{CREDITS}:{view}", args=args), {"amount": "99999"})

        assert response.status_code == 403
        assert RentCredit.objects.get().amount == credit.amount

    @pytest.mark.parametrize("role", [roles.SALES, roles.AFTER_SALES, roles.HR])
    def test_other_departments_do_not_see_the_credits(self, client, staff, credit, role):
        client.force_login(staff[role])

        response = client.get(reverse(f"{CREDITS}:list"))

        assert response.status_code == 403

    def test_the_complaint_shows_its_credit(self, client, cs, credit):
        client.force_login(cs)

        response = client.get(
            reverse("wagtailsnippets_complaints_complaint:inspect", args=[credit.complaint_id])
        )

        assert "Rent credit" in response.text
        assert "4500.00" in response.text


class TestAfterSalesCarriesOutServiceTasks:
    def test_after_sales_sees_the_task_with_its_due_date(self, client, staff, task):
        client.force_login(staff[roles.AFTER_SALES])

        response = client.get(reverse(f"{TASKS}:list"))

        assert response.status_code == 200
        assert "免費加做一次全車保養" in response.text

    def test_after_sales_marks_it_done(self, client, staff, task):
        client.force_login(staff[roles.AFTER_SALES])

        response = client.post(
            reverse(f"{TASKS}:transition", args=[task.pk, "complete"]),
            {"from_state": ServiceTaskState.OPEN, "outcome": "已完成全車保養，更換濾芯。"},
        )

        assert response.status_code == 302
        task.refresh_from_db()
        assert task.state == ServiceTaskState.DONE
        assert task.outcome == "已完成全車保養，更換濾芯。"
        assert task.due_at is None

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.AFTER_SALES])
    def test_no_other_role_may_complete_it(self, client, staff, task, role):
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{TASKS}:transition", args=[task.pk, "complete"]),
            {"from_state": ServiceTaskState.OPEN, "outcome": "完成"},
        )

        assert response.status_code == 403
        task.refresh_from_db()
        assert task.state == ServiceTaskState.OPEN

    def test_an_overdue_task_is_flagged(self, client, staff, task):
        ServiceTask.objects.filter(pk=task.pk).update(due_at=timezone.now() - timedelta(hours=1))
        client.force_login(staff[roles.AFTER_SALES])

        response = client.get(reverse(f"{TASKS}:list"), {"overdue": "true"})

        assert "免費加做一次全車保養" in response.text
        assert "data-overdue" in response.text


class TestTheFactories:
    """Credits and tasks built without a plan, for tests that only need one to act on."""

    def test_a_credit_waits_for_finance(self, staff):
        from .factories import RentCreditFactory

        credit = RentCreditFactory()

        assert credit.state == RentCreditState.PENDING
        assert credit.customer == credit.contract.customer
        services.apply_rent_credit(credit, user=staff[roles.FINANCE], finance_reference="INV-1")
        assert RentCredit.objects.get().state == RentCreditState.APPLIED

    def test_a_task_waits_for_after_sales(self, staff):
        from .factories import ServiceTaskFactory

        task = ServiceTaskFactory()

        assert task.state == ServiceTaskState.OPEN
        services.complete_service_task(task, user=staff[roles.AFTER_SALES], outcome="已完成")
        assert ServiceTask.objects.get().state == ServiceTaskState.DONE
