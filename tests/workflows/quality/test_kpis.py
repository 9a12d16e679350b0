"""Each KPI on a small hand-made data set: the figure worked out by hand, and the
drill-down lists exactly the records counted (P7.3)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ConsultationFactory, UserFactory
from tests.workflows.complaints.factories import ComplaintFactory, make_contract
from tests.workflows.quality.factories import SurveyFactory
from workflows.complaints.models import Complaint
from workflows.consultations.models import Consultation
from workflows.leasing.models import Contract, Requirement
from workflows.quality.kpi import registry
from workflows.quality.models import KPIMonth, Scope
from workflows.quality.services import refresh_kpi_months
from workflows.quality.services.kpis import month_bounds

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Taipei")
OCTOBER = month_bounds(date(2026, 10, 1))
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=TZ)


def at(month, day, hour=0):
    return datetime(2026, month, day, hour, 0, tzinfo=TZ)


def counted(code, **scope):
    start, end = OCTOBER
    return set(registry()[code].counted(start, end, now=NOW, **scope).values_list("pk", flat=True))


def measure(code, **scope):
    start, end = OCTOBER
    return registry()[code].measure(start, end, now=NOW, **scope)


class TestConsultationReplyTimeliness:
    """Every consultation counts, promised or not; a hand-over to Sales is a reply."""

    @pytest.fixture
    def data(self):
        anna, ben = UserFactory(), UserFactory()

        def consultation(received, handler, **timestamps):
            c = ConsultationFactory(received_at=received, handler=handler)  # channel: 24 h
            Consultation.objects.filter(pk=c.pk).update(**timestamps)
            return c

        return {
            "anna": anna,
            # deadline Oct 6 10:00, answered at 12:00 the same day: in time
            "in_time": consultation(at(10, 5, 10), anna, answered_at=at(10, 5, 12)),
            # deadline Oct 7 00:00, answered Oct 8: late
            "late": consultation(at(10, 6), anna, answered_at=at(10, 8)),
            # promised for Oct 10, answered Oct 9: in time (the promise is the deadline)
            "promised": consultation(
                at(10, 8), ben, reply_due_at=at(10, 10), answered_at=at(10, 9)
            ),
            # never answered, never promised, deadline Oct 13 passed: late (counts!)
            "silent": consultation(at(10, 12), ben),
            # handed to Sales 3 hours after receipt: in time
            "handed": consultation(at(10, 20), ben, handed_at=at(10, 20, 3)),
            # deadline Sep 2: another period
            "september": consultation(at(9, 1), anna, answered_at=at(9, 1, 5)),
            # deadline Nov 1 23:00: another period
            "november": consultation(at(10, 31, 23), anna, answered_at=at(11, 1)),
        }

    def test_three_of_five_replies_in_time_is_sixty_per_cent(self, data):
        figure = measure("consultation_reply_timeliness")

        assert (figure.numerator, figure.denominator) == (3, 5)
        assert figure.value == pytest.approx(60.0)

    def test_the_drill_down_lists_exactly_the_five_counted(self, data):
        expected = {data[k].pk for k in ("in_time", "late", "promised", "silent", "handed")}
        assert counted("consultation_reply_timeliness") == expected

    def test_per_employee_one_of_annas_two_was_in_time(self, data):
        figure = measure("consultation_reply_timeliness", employee=data["anna"])

        assert figure.value == pytest.approx(50.0)
        assert counted("consultation_reply_timeliness", employee=data["anna"]) == {
            data["in_time"].pk,
            data["late"].pk,
        }

    def test_a_deadline_not_yet_passed_and_unanswered_is_not_counted_yet(self, data):
        start, end = OCTOBER
        kpi = registry()["consultation_reply_timeliness"]
        early = at(10, 12, 12)  # before the silent one's deadline of Oct 13 00:00

        pks = set(kpi.counted(start, end, now=early).values_list("pk", flat=True))

        assert data["silent"].pk not in pks


class TestLeasingKPIs:
    @pytest.fixture
    def data(self):
        sam = UserFactory()

        def contract(*, signed=None, consultation_at=None, taken=None, submitted=None, first=""):
            c = make_contract()
            requirement = c.plan.requirement
            if consultation_at:
                requirement.consultation = ConsultationFactory(received_at=consultation_at)
            Requirement.objects.filter(pk=requirement.pk).update(
                consultation=requirement.consultation, taken_at=taken or at(1, 1)
            )
            Contract.objects.filter(pk=c.pk).update(
                signed_at=signed,
                submitted_at=submitted,
                first_review_outcome=first,
                drafted_by=sam,
                state="signed" if signed else "draft",
            )
            return c

        return {
            "sam": sam,
            # 10 days from the consultation to signing
            "k1": contract(
                consultation_at=at(10, 1),
                signed=at(10, 11),
                submitted=at(10, 3),
                first="approved",
            ),
            # no consultation: 4 days from the requirement to signing
            "k2": contract(
                taken=at(10, 10), signed=at(10, 14), submitted=at(10, 11), first="changes_requested"
            ),
            # signed in November; first sent in September
            "k3": contract(
                taken=at(9, 20), signed=at(11, 2), submitted=at(9, 30), first="approved"
            ),
            # sent in October, not reviewed yet; not signed
            "k4": contract(taken=at(10, 1), submitted=at(10, 5)),
        }

    def test_business_cycle_averages_ten_and_four_days_to_seven(self, data):
        figure = measure("business_cycle_days")

        assert figure.denominator == 2
        assert figure.value == pytest.approx(7.0)
        assert counted("business_cycle_days") == {data["k1"].pk, data["k2"].pk}

    def test_business_cycle_per_salesperson(self, data):
        assert measure("business_cycle_days", employee=data["sam"]).value == pytest.approx(7.0)
        assert measure("business_cycle_days", department="sales").denominator == 2

    def test_first_pass_approval_one_of_two_reviewed(self, data):
        figure = measure("contract_first_pass_approval")

        assert (figure.numerator, figure.denominator) == (1, 2)
        assert figure.value == pytest.approx(50.0)
        assert counted("contract_first_pass_approval") == {data["k1"].pk, data["k2"].pk}


class TestComplaintKPIs:
    @pytest.fixture
    def data(self):
        ivy, joe = UserFactory(), UserFactory()

        def complaint(department, investigator, **fields):
            c = ComplaintFactory(received_at=at(9, 25))
            Complaint.objects.filter(pk=c.pk).update(
                department=department, investigator=investigator, **fields
            )
            return c

        closed = {"state": "closed", "root_cause": "process", "corrective_action": "改善流程"}
        return {
            "ivy": ivy,
            "q1": complaint(
                "sales",
                ivy,
                closed_at=at(10, 3),
                deadlines_missed=0,
                satisfaction=5,
                rated_at=at(10, 4),
                **closed,
            ),
            "q2": complaint(
                "sales",
                ivy,
                closed_at=at(10, 9),
                deadlines_missed=1,
                satisfaction=2,
                rated_at=at(10, 10),
                **closed,
            ),
            "q3": complaint(
                "after_sales",
                joe,
                closed_at=at(10, 30),
                deadlines_missed=0,
                satisfaction=4,
                rated_at=at(11, 1),
                **closed,
            ),
            "q4": complaint("sales", ivy, closed_at=at(11, 3), deadlines_missed=0, **closed),
            "q5": complaint("sales", ivy, state="investigating"),
        }

    def test_two_of_three_closed_in_time(self, data):
        figure = measure("complaint_resolution_in_time")

        assert (figure.numerator, figure.denominator) == (2, 3)
        assert figure.value == pytest.approx(200 / 3)
        assert counted("complaint_resolution_in_time") == {
            data["q1"].pk,
            data["q2"].pk,
            data["q3"].pk,
        }

    def test_per_department_sales_closed_one_of_two_in_time(self, data):
        figure = measure("complaint_resolution_in_time", department="sales")

        assert figure.value == pytest.approx(50.0)
        assert counted("complaint_resolution_in_time", department="sales") == {
            data["q1"].pk,
            data["q2"].pk,
        }

    def test_satisfaction_averages_the_ratings_given_in_the_period(self, data):
        figure = measure("complaint_satisfaction")

        assert figure.value == pytest.approx((5 + 2) / 2)
        assert counted("complaint_satisfaction") == {data["q1"].pk, data["q2"].pk}


class TestSurveyAverage:
    @pytest.fixture
    def data(self):
        eve = UserFactory()

        def answered(when, scores, employee=eve):
            s = SurveyFactory(employee=employee, sent_at=at(9, 28))
            a, e, q, p = scores
            type(s).objects.filter(pk=s.pk).update(
                answered_at=when, attitude=a, efficiency=e, quality=q, problem_solving=p
            )
            return s

        return {
            "eve": eve,
            "s1": answered(at(10, 2), (5, 5, 4, 4)),  # 4.5
            "s2": answered(at(10, 20), (3, 3, 3, 2)),  # 2.75
            "s3": SurveyFactory(employee=eve, sent_at=at(10, 1)),  # unanswered
            "s4": answered(at(11, 2), (1, 1, 1, 1)),
        }

    def test_average_of_the_means_of_the_answered(self, data):
        figure = measure("survey_average")

        assert figure.value == pytest.approx((4.5 + 2.75) / 2)
        assert counted("survey_average") == {data["s1"].pk, data["s2"].pk}


class TestMonthlyFigures:
    def test_the_job_stores_company_department_and_employee_figures(self):
        ivy = UserFactory()
        c = ComplaintFactory(received_at=at(9, 25))
        Complaint.objects.filter(pk=c.pk).update(
            state="closed",
            department="sales",
            investigator=ivy,
            closed_at=at(10, 3),
            root_cause="process",
            corrective_action="改善流程",
        )

        refresh_kpi_months(months=3, now=NOW)
        refresh_kpi_months(months=3, now=NOW)  # idempotent: replaced, not doubled

        rows = KPIMonth.objects.filter(code="complaint_resolution_in_time", month=date(2026, 10, 1))
        by_scope = {(r.scope, r.department, r.employee_id): r for r in rows}
        assert set(by_scope) == {
            (Scope.COMPANY, "", None),
            (Scope.DEPARTMENT, "sales", None),
            (Scope.EMPLOYEE, "sales", ivy.pk),
        }
        assert by_scope[(Scope.COMPANY, "", None)].value == pytest.approx(100.0)
