"""The demo data (`make run`, `manage.py load_demo`): every section, loaded once and again.

The whole demo is loaded once for this module, twice in a row, inside a transaction that
is rolled back when the module ends; each test reads what it needs and runs in its own
savepoint. Loading it takes seconds, and a second load must add nothing to any table.
"""

import contextlib
from dataclasses import dataclass
from io import StringIO

import pytest
from django.apps import apps
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from fixtures import demo, demo_billing, demo_complaints, demo_fleet, demo_quality

pytestmark = pytest.mark.django_db

#: Rows a second load may add: the log of the command run itself.
GROWING = {"wagtailcore.modellogentry", "wagtailcore.pagelogentry"}


@dataclass
class Loaded:
    users: dict
    #: what the first load printed (its summary and the logins) and what went to the console
    printed: str
    #: {model label: rows} after the first load and after the second
    first: dict
    second: dict


def row_counts():
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out, console = StringIO(), StringIO()
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
                SMS_BACKEND="workflows.core.sms.LogSmsBackend",
            ),
            contextlib.redirect_stdout(console),
        ):
            users = demo.load(stdout=OutputWrapper(out))
        first = row_counts()
        demo.load()
        second = row_counts()
        yield Loaded(users, out.getvalue() + console.getvalue(), first, second)
        transaction.set_rollback(True)


def test_a_second_load_adds_nothing(loaded):
    changed = {
        label: (rows, loaded.second[label])
        for label, rows in loaded.first.items()
        if rows != loaded.second[label] and label not in GROWING
    }
    assert not changed, f"rows (first load, second load): {changed}"


def test_the_demo_prints_a_summary_and_the_logins_only(loaded):
    from wagtail.models import Page, Workflow

    lines = loaded.printed.strip().splitlines()

    assert lines[0].startswith("Demo data loaded: ")
    assert "Demo logins" in loaded.printed
    assert "Subject:" not in loaded.printed
    assert len(lines) < 40
    assert Page.get_first_root_node().title == "網站根目錄"
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_every_unit_state_customers_and_the_catalogue_and_the_fleet_loads_again(loaded):
    from catalogue.models import CataloguePage
    from contact.models import ContactSettings
    from workflows.customers.models import Customer
    from workflows.fleet.choices import UnitState
    from workflows.fleet.models import (
        EquipmentCategory,
        EquipmentModel,
        EquipmentModelText,
        EquipmentUnit,
    )

    def counts():
        return (
            EquipmentModel.objects.count(),
            EquipmentUnit.objects.count(),
            Customer.objects.count(),
        )

    before = counts()
    demo_fleet.load(loaded.users)

    assert counts() == before
    assert set(EquipmentUnit.objects.values_list("state", flat=True)) == set(UnitState.values)
    assert EquipmentModel.objects.filter(published=True).count() >= 4
    registered = Customer.objects.exclude(source_consultation=None).get()
    assert registered.contacts.exists()
    # One catalogue page per content language (zh-hant, zh-hans, en).
    assert CataloguePage.objects.live().filter(locale__language_code="zh-hant").count() == 1
    # The English catalogue and contact details read in English.
    assert not EquipmentModel.objects.exclude(texts__language="en").exists()
    assert not EquipmentCategory.objects.exclude(texts__language="en").exists()
    assert (
        EquipmentModelText.objects.filter(language="en").count() == EquipmentModel.objects.count()
    )
    assert ContactSettings.load().texts.filter(language="en").exclude(company_name="").exists()


def test_demo_customers_tax_numbers_pass_the_check_digit():
    """A demo customer re-imported from an export must not be refused for its own tax number."""
    from stdnum.tw import ubn

    numbers = [row[2] for row in demo_fleet.CUSTOMERS if row[2]]
    assert len(numbers) >= 4
    assert [n for n in numbers if not ubn.is_valid(n)] == []


def test_every_delivery_return_refurbishment_and_contract_state(loaded):
    from workflows.handovers.choices import DeliveryState, RefurbishmentState, ReturnState
    from workflows.handovers.models import DamageCharge, Delivery, LeaseReturn, Refurbishment
    from workflows.leasing.choices import ContractState
    from workflows.leasing.models import Contract

    assert set(Delivery.objects.values_list("state", flat=True)) == set(DeliveryState.values)
    assert set(LeaseReturn.objects.values_list("state", flat=True)) == set(ReturnState.values)
    assert set(Refurbishment.objects.values_list("state", flat=True)) == set(
        RefurbishmentState.values
    )
    assert set(ContractState.values) <= set(Contract.objects.values_list("state", flat=True))
    assert DamageCharge.objects.exists()
    assert Delivery.objects.filter(on_time=True).exists()


def test_every_visit_and_repair_state(loaded):
    from workflows.core.models import OutboundMessage
    from workflows.servicing.choices import RepairState, VisitState
    from workflows.servicing.models import MaintenanceVisit, Repair

    assert set(MaintenanceVisit.objects.values_list("state", flat=True)) == set(VisitState.values)
    assert set(Repair.objects.values_list("state", flat=True)) == set(RepairState.values)
    assert Repair.objects.exclude(replacement_booking=None).exists()
    assert OutboundMessage.objects.filter(template="servicing/expected_completion").count() == 1


def test_every_invoice_state_and_billing_loads_again(loaded):
    from workflows.billing.choices import InvoiceState as S
    from workflows.billing.models import FinalSettlement, Invoice, PaymentNotice, Reminder

    count = Invoice.objects.count()
    demo_billing.load(loaded.users)

    assert Invoice.objects.count() == count
    states = set(Invoice.objects.values_list("state", flat=True))
    assert {S.DRAFT, S.ISSUED, S.PARTIALLY_PAID, S.PAID, S.OVERDUE, S.IN_COLLECTION} <= states
    assert {S.WRITE_OFF_REQUESTED, S.WRITTEN_OFF, S.CREDITED} <= states
    assert PaymentNotice.objects.exists() and Reminder.objects.exists()
    assert set(FinalSettlement.objects.values_list("state", flat=True)) == {"draft", "approved"}


def test_every_complaint_state_urgent_overdue_and_rated_ones_and_the_page(loaded):
    from forms.models import ComplaintFormPage
    from workflows.complaints.choices import ComplaintState as S
    from workflows.complaints.models import Complaint, RentCredit, ServiceTask

    count = Complaint.objects.count()
    demo_complaints.load(loaded.users)

    assert Complaint.objects.count() == count
    assert set(Complaint.objects.values_list("state", flat=True)) == set(S.values)
    assert Complaint.objects.filter(urgent=True).count() >= 2
    assert Complaint.objects.open().overdue(timezone.now()).count() >= 2
    assert Complaint.objects.filter(satisfaction__isnull=False).count() >= 3
    assert Complaint.objects.filter(reopened_count__gt=0).exists()
    assert Complaint.objects.exclude(explanation="").exists()
    assert Complaint.objects.filter(staff_member__isnull=False).count() >= 3
    assert RentCredit.objects.count() == 1 and ServiceTask.objects.count() == 1
    # One complaint page per content language (zh-hant, zh-hans, en).
    assert (
        ComplaintFormPage.objects.live()
        .filter(slug="complaint", locale__language_code="zh-hant")
        .count()
        == 1
    )
    months = {c.received_at.month for c in Complaint.objects.all()}
    assert len(months) >= 4


def test_the_staff_section_with_plans_in_moderation_and_courses(loaded):
    from learning.models import (
        CoursePage,
        DepartmentPlanPage,
        StaffIndexPage,
        TrainingNeedsAnswer,
        TrainingPlanPage,
    )
    from workflows.people.choices import MoveState, SessionState
    from workflows.people.models import CareerMove, DevelopmentPlan, MentorPair, TrainingSession

    assert StaffIndexPage.objects.get().get_view_restrictions().exists()
    assert TrainingPlanPage.objects.live().count() == 1
    in_moderation = [p for p in DepartmentPlanPage.objects.all() if p.workflow_in_progress]
    assert len(in_moderation) == 2
    assert not any(p.live for p in in_moderation)
    assert all(course.quiz for course in CoursePage.objects.live())
    assert CoursePage.objects.filter(slug="regulation").exists()
    assert TrainingNeedsAnswer.objects.count() == 3
    assert set(TrainingSession.objects.values_list("state", flat=True)) == set(SessionState.values)
    assert DevelopmentPlan.objects.count() == 3
    assert DevelopmentPlan.objects.overdue().count() == 1, "one review on HR's home panel"
    assert set(CareerMove.objects.values_list("state", flat=True)) == {
        MoveState.PROPOSED,
        MoveState.EFFECTIVE,
        MoveState.DECLINED,
    }
    assert MentorPair.objects.filter(state="active").count() == 2


def test_every_quality_state_a_quarter_of_surveys_and_figures_and_quality_loads_again(loaded):
    from workflows.people.models import CareerMove, MentorPair
    from workflows.quality.choices import (
        AssessmentState,
        InspectionState,
        ProblemReportState,
        RectificationState,
        RewardState,
    )
    from workflows.quality.dashboard import worst_offenders
    from workflows.quality.models import (
        Assessment,
        Inspection,
        KPIMonth,
        ProblemReport,
        RectificationOrder,
        Scope,
        Survey,
    )

    counts = (Survey.objects.count(), Assessment.objects.count(), Inspection.objects.count())
    proposals = (
        CareerMove.objects.filter(assessment__isnull=False).count(),
        MentorPair.objects.filter(assessment__isnull=False).count(),
    )

    demo_quality.load(loaded.users)

    assert (
        Survey.objects.count(),
        Assessment.objects.count(),
        Inspection.objects.count(),
    ) == counts
    assert (
        CareerMove.objects.filter(assessment__isnull=False).count(),
        MentorPair.objects.filter(assessment__isnull=False).count(),
    ) == proposals
    assert CareerMove.objects.filter(
        kind="promotion", state="proposed", assessment__state="approved"
    ).exists()
    assert MentorPair.objects.filter(state="proposed", assessment__state="approved").exists()
    assert Inspection.objects.filter(plan__isnull=False).exists()
    for model, states in [
        (Inspection, InspectionState),
        (RectificationOrder, RectificationState),
        (ProblemReport, ProblemReportState),
        (Assessment, AssessmentState),
    ]:
        assert set(model.objects.values_list("state", flat=True)) == set(states.values), model
    assert set(ProblemReport.objects.values_list("reward_state", flat=True)) == set(
        RewardState.values
    )
    answered_months = {s.answered_at.strftime("%Y-%m") for s in Survey.objects.answered()}
    assert len(answered_months) >= 3
    assert Survey.objects.filter(reminded_at__isnull=False).exists()
    survey_months = KPIMonth.objects.filter(code="survey_average", scope=Scope.COMPANY)
    assert survey_months.count() >= 3
    assert RectificationOrder.objects.open().overdue().exists()
    assert Assessment.objects.filter(kind="special").exists()
    # The dashboard has someone with repeated complaints, and the figures are not degenerate:
    # repairs take time, complaints are mostly closed within their deadlines.
    _departments, people = worst_offenders()
    assert people
    company = KPIMonth.objects.filter(scope=Scope.COMPANY)
    repairs = company.filter(code="repair_turnaround_days", denominator__gt=0)
    assert repairs.count() >= 3 and all(row.numerator > 0 for row in repairs)
    in_time = company.filter(code="complaint_resolution_in_time", denominator__gt=0)
    assert sum(row.numerator for row in in_time) > sum(row.denominator for row in in_time) / 2


def _live(code):
    from wagtail.models import Page

    return Page.objects.live().filter(locale__language_code=code, depth__gt=1)


def test_the_demo_site_is_translated_and_reviewed(loaded):
    from contact.channels import published_channels
    from fixtures.demo_english import CJK
    from home.models import PageText, StandardPage
    from home.translation import to_simplified

    marketing = loaded.users["marketing"]

    # English pages are written in English, not Chinese under English titles.
    english = _live("en")
    assert english.count() >= 7  # every public page (the staff section is not translated)
    for page in english:
        text = PageText.objects.get(page=page).text
        assert not CJK.search(text), (page.url_path, CJK.findall(text)[:20])
    # The home page's list blocks (services, steps, quotes, questions) are translated too.
    home = PageText.objects.get(page=english.get(depth=2)).text
    assert home.startswith("Home Equipment rental with one team from enquiry to return")
    assert "Short and long-term rental" in home and "5. Return and settlement" in home
    # The Simplified Chinese pages hold no Traditional character OpenCC would change.
    for page in _live("zh-hans"):
        text = PageText.objects.get(page=page).text
        assert to_simplified(text, "t2s") == text, page.url_path
    with translation.override("en"):
        for channel in published_channels():
            shown = f"{channel.name} {channel.service_hours} {channel.description}"
            assert not CJK.search(shown), shown
    titles = set(english.values_list("title", flat=True))
    assert {"Home", "Equipment catalogue", "Make a complaint", "About us"} <= titles
    # Both translations were saved as drafts, then published by Marketing.
    for code in ("zh-hans", "en"):
        for page in _live(code):
            assert page.live_revision.user == marketing, page.url_path
    assert _live("zh-hans").get(depth=2).title == "首页"
    # A later change to the about page waits as a Simplified Chinese draft for review.
    about = StandardPage.objects.get(locale__language_code="zh-hans", slug="about")
    news = "客服专线全年无休受理设备故障"
    assert about.has_unpublished_changes
    assert news in str(about.get_latest_revision_as_object().body)
    assert news not in str(about.body)
    assert news not in PageText.objects.get(page=about).text
