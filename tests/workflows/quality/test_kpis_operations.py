"""The delivery, maintenance, repair and collection KPIs on small hand-made data sets: the
figure worked out by hand, the drill-down lists exactly the records counted, and the
monthly summary holds the same figure (P7.3)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.factories import UserFactory
from tests.workflows.billing.factories import InvoiceFactory, PaymentFactory
from tests.workflows.handovers.factories import DeliveryFactory
from tests.workflows.servicing.factories import MaintenanceVisitFactory, RepairFactory
from workflows.billing.models import Allocation, Invoice
from workflows.core.services import log_event
from workflows.handovers.models import Delivery
from workflows.leasing.models import Contract
from workflows.quality.kpi import registry
from workflows.quality.models import KPIMonth, Scope
from workflows.quality.services import refresh_kpi_months
from workflows.quality.services.kpis import month_bounds
from workflows.servicing.models import MaintenanceVisit, Repair

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Taipei")
OCTOBER = month_bounds(date(2026, 10, 1))
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=TZ)


def at(month, day, hour=0, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def counted(code, now=NOW, **scope):
    start, end = OCTOBER
    return set(registry()[code].counted(start, end, now=now, **scope).values_list("pk", flat=True))


def measure(code, now=NOW, **scope):
    start, end = OCTOBER
    return registry()[code].measure(start, end, now=now, **scope)


def october_row(code, scope, **fields):
    return KPIMonth.objects.get(code=code, month=date(2026, 10, 1), scope=scope, **fields)


class TestOnTimeDelivery:
    @pytest.fixture
    def data(self):
        mia = UserFactory()

        def delivery(due, state="scheduled", on_time=None, accepted=None, by=None):
            d = DeliveryFactory()
            Contract.objects.filter(pk=d.contract_id).update(delivery_date=due)
            Delivery.objects.filter(pk=d.pk).update(
                state=state, on_time=on_time, accepted_at=accepted
            )
            if by is not None:
                log_event(d, "handovers.accept", user=by)
            return d

        return {
            "mia": mia,
            # due Oct 3, accepted the same day late at night: on time
            "same_day": delivery(date(2026, 10, 3), "accepted", True, at(10, 3, 23, 30), mia),
            # due Oct 10, accepted Oct 12: late
            "late": delivery(date(2026, 10, 10), "accepted", False, at(10, 12, 9), mia),
            # due Oct 20, still demonstrated only in mid-November: late, counts
            "stuck": delivery(date(2026, 10, 20), "demonstrated"),
            # due Oct 31, accepted early on Oct 29: on time, by someone else
            "early": delivery(date(2026, 10, 31), "accepted", True, at(10, 29), UserFactory()),
            # due in September or November: other periods
            "september": delivery(date(2026, 9, 30), "accepted", True, at(9, 30), mia),
            "november": delivery(date(2026, 11, 1), "accepted", True, at(10, 31), mia),
        }

    def test_two_of_four_deliveries_on_time_is_fifty_per_cent(self, data):
        figure = measure("delivery_on_time")

        assert (figure.numerator, figure.denominator) == (2, 4)
        assert figure.value == pytest.approx(50.0)
        assert counted("delivery_on_time") == {
            data[k].pk for k in ("same_day", "late", "stuck", "early")
        }

    def test_a_delivery_not_yet_due_is_not_counted_while_it_may_still_be_on_time(self, data):
        assert data["stuck"].pk not in counted("delivery_on_time", now=at(10, 20, 12))
        assert data["stuck"].pk in counted("delivery_on_time", now=at(10, 21, 0, 1))

    def test_per_employee_the_person_who_completed_the_handover(self, data):
        figure = measure("delivery_on_time", employee=data["mia"])

        assert (figure.numerator, figure.denominator) == (1, 2)
        assert counted("delivery_on_time", employee=data["mia"]) == {
            data["same_day"].pk,
            data["late"].pk,
        }
        assert measure("delivery_on_time", department="after_sales").denominator == 4

    def test_the_monthly_summary_holds_the_same_figure(self, data):
        refresh_kpi_months(now=NOW)

        company = october_row("delivery_on_time", Scope.COMPANY)
        assert (company.numerator, company.denominator) == (2, 4)
        mia = october_row("delivery_on_time", Scope.EMPLOYEE, employee=data["mia"])
        assert (mia.numerator, mia.denominator) == (1, 2)


class TestMaintenanceOnSchedule:
    @pytest.fixture
    def data(self):
        tom, ada = UserFactory(), UserFactory()

        def visit(due, visited=None, technician=None, state=None):
            v = MaintenanceVisitFactory(due_on=due, technician=technician)
            state = state or ("recorded" if visited else "scheduled")
            MaintenanceVisit.objects.filter(pk=v.pk).update(visited_at=visited, state=state)
            return v

        return {
            "tom": tom,
            # due Oct 5, visited at 23:00 that day (local time; 15:00 UTC): on schedule
            "evening": visit(date(2026, 10, 5), at(10, 5, 23), tom, "signed_off"),
            # due Oct 8, visited just after midnight on Oct 9: late
            "after_midnight": visit(date(2026, 10, 8), at(10, 9, 0, 10), tom),
            # due Oct 12, never visited: late, counts
            "missed": visit(date(2026, 10, 12), technician=ada),
            # due Oct 30, visited early on Oct 28: on schedule
            "early": visit(date(2026, 10, 28), at(10, 27, 10), ada),
            # cancelled with a reason: left out
            "cancelled": visit(date(2026, 10, 15), technician=tom, state="cancelled"),
            # due in November: another period
            "november": visit(date(2026, 11, 2), at(11, 2, 9), tom),
        }

    def test_two_of_four_visits_on_schedule(self, data):
        figure = measure("maintenance_on_schedule")

        assert (figure.numerator, figure.denominator) == (2, 4)
        assert figure.value == pytest.approx(50.0)
        assert counted("maintenance_on_schedule") == {
            data[k].pk for k in ("evening", "after_midnight", "missed", "early")
        }

    def test_per_technician(self, data):
        figure = measure("maintenance_on_schedule", employee=data["tom"])

        assert (figure.numerator, figure.denominator) == (1, 2)
        assert counted("maintenance_on_schedule", employee=data["tom"]) == {
            data["evening"].pk,
            data["after_midnight"].pk,
        }

    def test_a_visit_whose_day_has_not_ended_is_not_counted_yet(self, data):
        assert data["missed"].pk not in counted("maintenance_on_schedule", now=at(10, 12, 18))

    def test_the_monthly_summary_holds_the_same_figure(self, data):
        refresh_kpi_months(now=NOW)

        row = october_row("maintenance_on_schedule", Scope.DEPARTMENT, department="after_sales")
        assert (row.numerator, row.denominator) == (2, 4)


class TestRepairTurnaround:
    @pytest.fixture
    def data(self):
        rex = UserFactory()

        def repair(reported, verified=None, state="verified", by=rex):
            r = RepairFactory(reported_at=reported)
            Repair.objects.filter(pk=r.pk).update(
                state=state, state_changed_at=verified or reported, repaired_by=by
            )
            return r

        return {
            "rex": rex,
            # 2 days
            "r1": repair(at(10, 1, 8), at(10, 3, 8)),
            # 12 hours, by someone else
            "r2": repair(at(10, 10, 8), at(10, 10, 20), by=UserFactory()),
            # reported in September, verified in October: 5.5 days
            "r3": repair(at(9, 28, 12), at(10, 4)),
            # done but not verified: not counted
            "r4": repair(at(10, 5), at(10, 6), state="done"),
            # verified in November
            "r5": repair(at(10, 30), at(11, 1)),
        }

    def test_the_average_of_two_half_and_five_and_a_half_days_is_two_and_two_thirds(self, data):
        figure = measure("repair_turnaround_days")

        assert figure.denominator == 3
        assert figure.value == pytest.approx((2 + 0.5 + 5.5) / 3)
        assert counted("repair_turnaround_days") == {data["r1"].pk, data["r2"].pk, data["r3"].pk}

    def test_per_employee_who_repaired_it(self, data):
        figure = measure("repair_turnaround_days", employee=data["rex"])

        assert figure.value == pytest.approx((2 + 5.5) / 2)

    def test_the_monthly_summary_holds_the_same_figure(self, data):
        refresh_kpi_months(now=NOW)

        row = october_row("repair_turnaround_days", Scope.COMPANY)
        assert row.denominator == 3
        assert row.value == pytest.approx(8 / 3)


class TestPaymentCollection:
    @pytest.fixture
    def data(self):
        def invoice(due, state="issued", total="1050.00", kind="invoice", corrects=None):
            i = InvoiceFactory(due_on=due, invoice_date=due.replace(day=1))
            Invoice.objects.filter(pk=i.pk).update(
                state=state, total=Decimal(total), kind=kind, corrects=corrects
            )
            i.refresh_from_db()
            return i

        def pay(i, received, amount):
            payment = PaymentFactory(
                customer=i.customer, received_on=received, amount=Decimal(amount)
            )
            Allocation.objects.create(payment=payment, invoice=i, amount=Decimal(amount))

        data = {
            # paid in full on the due date: collected
            "on_due": invoice(date(2026, 10, 10), "paid"),
            # half by the due date, the rest a week late: not collected in time
            "late": invoice(date(2026, 10, 10), "paid"),
            # never paid, overdue: not collected
            "unpaid": invoice(date(2026, 10, 15), "overdue"),
            # 1,000 paid by the due date and 50 credited before it: collected
            "credited_part": invoice(date(2026, 10, 20), "paid"),
            # cancelled by a credit note for the whole amount: left out
            "credited": invoice(date(2026, 10, 20), "credited"),
            # a draft: left out
            "draft": invoice(date(2026, 10, 20), "draft"),
            # due in November: another period
            "november": invoice(date(2026, 11, 5), "issued"),
        }
        pay(data["on_due"], date(2026, 10, 10), "1050.00")
        pay(data["late"], date(2026, 10, 1), "525.00")
        pay(data["late"], date(2026, 10, 17), "525.00")
        pay(data["credited_part"], date(2026, 10, 19), "1000.00")
        note = invoice(
            date(2026, 10, 18), "paid", "-50.00", "credit_note", corrects=data["credited_part"]
        )
        Invoice.objects.filter(pk=note.pk).update(invoice_date=date(2026, 10, 18))
        data["note"] = note
        return data

    def test_two_of_four_invoices_collected_by_their_due_date(self, data):
        figure = measure("payment_collection")

        assert (figure.numerator, figure.denominator) == (2, 4)
        assert figure.value == pytest.approx(50.0)
        assert counted("payment_collection") == {
            data[k].pk for k in ("on_due", "late", "unpaid", "credited_part")
        }

    def test_an_invoice_whose_due_date_has_not_passed_is_not_counted_yet(self, data):
        assert counted("payment_collection", now=at(10, 15, 12)) == {
            data["on_due"].pk,
            data["late"].pk,
        }

    def test_the_drill_down_shows_what_was_collected_by_the_due_date(self, data):
        start, end = OCTOBER
        records = registry()["payment_collection"].counted(start, end, now=NOW)

        collected = {r.pk: r.kpi_collected for r in records}
        assert collected[data["late"].pk] == Decimal("525.00")
        assert collected[data["credited_part"].pk] == Decimal("1050.00")
        assert collected[data["unpaid"].pk] == Decimal("0")

    def test_the_monthly_summary_holds_the_same_figure_for_finance(self, data):
        refresh_kpi_months(now=NOW)

        row = october_row("payment_collection", Scope.DEPARTMENT, department="finance")
        assert (row.numerator, row.denominator) == (2, 4)
