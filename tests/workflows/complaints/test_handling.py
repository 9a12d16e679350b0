"""Investigating, planning, resolving and telling the result (P9.3-P9.5), through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from tests.factories import UserFactory
from workflows.complaints import services
from workflows.complaints.choices import (
    Compensation,
    ContactMethod,
    Department,
    RentCreditState,
    ServiceTaskState,
)
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.exceptions import ComplaintInvalid
from workflows.complaints.models import RentCredit, ServiceTask
from workflows.core import roles
from workflows.core.choices import MessageChannel
from workflows.core.exceptions import CommandPermissionDenied, TransitionNotAvailable
from workflows.core.sms import MemorySmsBackend
from workflows.core.tracking import PublicUpdate

from .conftest import CREDIT
from .factories import ComplaintFactory
from .helpers import fresh, history, sent

pytestmark = pytest.mark.django_db


def later(days=2):
    return timezone.now() + timedelta(days=days)


def plan(complaint, user, **overrides):
    data = {
        "user": user,
        "measures": "更換油管並檢查全車。",
        "plan_owner": user,
        "plan_deadline": later(),
    }
    data.update(overrides)
    return services.agree_plan(complaint, **data)


class TestAssigning:
    def test_moves_it_to_the_department_with_the_investigating_deadline(self, cs, investigator):
        complaint = ComplaintFactory()

        complaint = services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )

        complaint = fresh(complaint)
        assert complaint.state == S.INVESTIGATING
        assert (complaint.department, complaint.investigator) == (
            Department.AFTER_SALES,
            investigator,
        )
        assert complaint.due_at == complaint.state_changed_at + timedelta(hours=72)
        assert history(complaint) == ["complaints.assign", "core.publish_update"]

    def test_the_investigator_and_the_complainant_are_told_once_after_commit(
        self, cs, investigator, django_capture_on_commit_callbacks
    ):
        complaint = ComplaintFactory(phone="0912-345-678")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.assign_complaint(
                complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
            )
        assert mail.outbox == [] and MemorySmsBackend.outbox == []

        for callback in callbacks:
            callback()

        assert sent(complaint, "assigned") == [
            (MessageChannel.IN_APP, investigator.username),
            (MessageChannel.EMAIL, investigator.username),
        ]
        # Complained on the hotline: told by text message.
        assert sent(complaint, "being_handled_sms") == [(MessageChannel.SMS, "0912-345-678")]
        assert [m.to for m in mail.outbox] == [[investigator.email]]
        assert len(MemorySmsBackend.outbox) == 1

    def test_the_tracking_page_says_which_department_handles_it_without_names(
        self, cs, investigator
    ):
        complaint = ComplaintFactory(language="en")

        services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )

        update = PublicUpdate.objects.get()
        assert (update.code, update.parameters, update.state, update.text) == (
            "complaints.being_handled",
            {"department": Department.AFTER_SALES.value},
            "investigating",
            "",
        )
        with translation.override("en"):
            assert "After-sales department" in update.message()
            assert investigator.get_full_name() not in update.message()
            assert investigator.username not in update.message()
            assert update.stage() == "Being investigated"

    def test_an_investigator_from_another_department_is_refused(self, cs, staff):
        complaint = ComplaintFactory()

        with pytest.raises(ComplaintInvalid) as refused:
            services.assign_complaint(
                complaint,
                user=cs,
                department=Department.AFTER_SALES,
                investigator=staff[roles.SALES],
            )

        assert "investigator" in refused.value.message_dict
        assert fresh(complaint).state == S.RECEIVED
        assert history(complaint) == []

    def test_assigning_late_is_counted_as_a_missed_deadline(self, cs, investigator):
        complaint = ComplaintFactory(due_at=timezone.now() - timedelta(hours=1))

        services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )

        assert fresh(complaint).deadlines_missed == 1

    def test_linking_the_contract_links_its_customer(self, cs, investigator, contract):
        complaint = ComplaintFactory()

        services.assign_complaint(
            complaint,
            user=cs,
            department=Department.AFTER_SALES,
            investigator=investigator,
            contract=contract,
        )

        assert (fresh(complaint).contract, fresh(complaint).customer) == (
            contract,
            contract.customer,
        )

    def test_only_customer_service_assigns(self, investigator):
        complaint = ComplaintFactory()

        with pytest.raises(CommandPermissionDenied):
            services.assign_complaint(
                complaint,
                user=investigator,
                department=Department.AFTER_SALES,
                investigator=investigator,
            )
        assert fresh(complaint).state == S.RECEIVED


class TestAgreeingAPlan:
    def test_the_plan_has_measures_an_owner_and_its_own_deadline(self, make, investigator):
        complaint = make(S.INVESTIGATING)
        deadline = later(3)

        complaint = plan(complaint, investigator, plan_deadline=deadline)

        complaint = fresh(complaint)
        assert complaint.state == S.PLAN_AGREED
        assert complaint.plan_owner == investigator
        assert complaint.due_at == deadline
        assert complaint.compensation == Compensation.NONE
        assert not RentCredit.objects.exists() and not ServiceTask.objects.exists()

    def test_a_colleague_of_the_department_may_agree_it(self, make):
        complaint = make(S.INVESTIGATING)
        colleague = UserFactory(roles=[roles.AFTER_SALES])

        assert plan(complaint, colleague).state == S.PLAN_AGREED

    @pytest.mark.parametrize("role", [roles.CUSTOMER_SERVICE, roles.SALES, roles.FINANCE])
    def test_another_department_may_not(self, make, staff, role):
        complaint = make(S.INVESTIGATING)

        with pytest.raises(CommandPermissionDenied):
            plan(complaint, staff[role])
        assert fresh(complaint).state == S.INVESTIGATING

    def test_a_named_owner_in_another_department_is_told(self, make, investigator, staff):
        complaint = make(S.INVESTIGATING)
        owner = staff[roles.FINANCE]

        plan(complaint, investigator, plan_owner=owner)

        assert sent(complaint, "plan_owner") == [
            (MessageChannel.IN_APP, owner.username),
            (MessageChannel.EMAIL, owner.username),
        ]

    def test_a_deadline_in_the_past_is_refused_with_the_reason(self, make, investigator):
        complaint = make(S.INVESTIGATING)

        with pytest.raises(TransitionNotAvailable) as refused:
            plan(complaint, investigator, plan_deadline=timezone.now() - timedelta(minutes=1))

        assert "deadline in the future" in refused.value.reason
        assert fresh(complaint).state == S.INVESTIGATING

    def test_a_rent_reduction_becomes_a_credit_for_finance_against_the_contract(
        self, make, investigator, with_contract, staff
    ):
        complaint = make(S.INVESTIGATING, **with_contract)

        plan(
            complaint,
            investigator,
            compensation=Compensation.RENT_CREDIT,
            credit_amount="2999.995",
        )

        credit = RentCredit.objects.get()
        assert credit.complaint == complaint
        assert credit.contract == with_contract["contract"]
        assert credit.customer == with_contract["customer"]
        assert credit.amount == CREDIT  # rounded half up by core.money
        assert credit.currency == "TWD"
        assert credit.state == RentCreditState.PENDING
        assert list(RentCredit.waiting_for(staff[roles.FINANCE])) == [credit]
        assert not RentCredit.waiting_for(staff[roles.AFTER_SALES]).exists()

    def test_a_rent_reduction_without_a_contract_is_refused_and_nothing_is_kept(
        self, make, investigator
    ):
        complaint = make(S.INVESTIGATING)

        with pytest.raises(ComplaintInvalid) as refused:
            plan(
                complaint, investigator, compensation=Compensation.RENT_CREDIT, credit_amount="500"
            )

        assert "compensation" in refused.value.message_dict
        assert fresh(complaint).state == S.INVESTIGATING
        assert not RentCredit.objects.exists()

    @pytest.mark.parametrize("amount", [None, "0", "-10"])
    def test_a_rent_reduction_needs_a_positive_amount(
        self, make, investigator, with_contract, amount
    ):
        complaint = make(S.INVESTIGATING, **with_contract)

        with pytest.raises(ComplaintInvalid) as refused:
            plan(
                complaint, investigator, compensation=Compensation.RENT_CREDIT, credit_amount=amount
            )

        assert "credit_amount" in refused.value.message_dict
        assert not RentCredit.objects.exists()

    def test_an_extra_service_becomes_a_task_for_after_sales(self, make, investigator, staff):
        complaint = make(S.INVESTIGATING)
        due = timezone.localdate() + timedelta(days=5)

        plan(
            complaint,
            investigator,
            compensation=Compensation.EXTRA_SERVICE,
            service_description="免費加做一次全車保養",
            service_due_date=due,
        )

        task = ServiceTask.objects.get()
        assert (task.complaint, task.description, task.due_date) == (
            complaint,
            "免費加做一次全車保養",
            due,
        )
        assert task.state == ServiceTaskState.OPEN
        assert timezone.localtime(task.due_at).date() == due
        assert list(ServiceTask.waiting_for(staff[roles.AFTER_SALES])) == [task]

    @pytest.mark.parametrize(
        ("description", "days", "field"),
        [
            ("", 3, "service_description"),
            ("保養", None, "service_due_date"),
            ("保養", -1, "service_due_date"),
        ],
    )
    def test_an_extra_service_needs_a_description_and_a_due_date(
        self, make, investigator, description, days, field
    ):
        complaint = make(S.INVESTIGATING)

        with pytest.raises(ComplaintInvalid) as refused:
            plan(
                complaint,
                investigator,
                compensation=Compensation.EXTRA_SERVICE,
                service_description=description,
                service_due_date=None
                if days is None
                else timezone.localdate() + timedelta(days=days),
            )

        assert field in refused.value.message_dict
        assert not ServiceTask.objects.exists()

    def test_an_optional_update_is_published_to_the_complainant(self, make, investigator):
        complaint = make(S.INVESTIGATING)
        before = PublicUpdate.objects.count()

        plan(complaint, investigator, public_update="我們將於兩天內到場更換油管。")

        assert PublicUpdate.objects.count() == before + 1
        assert PublicUpdate.objects.latest("pk").text == "我們將於兩天內到場更換油管。"

    def test_without_an_update_nothing_is_published(self, make, investigator):
        complaint = make(S.INVESTIGATING)
        before = PublicUpdate.objects.count()

        plan(complaint, investigator)

        assert PublicUpdate.objects.count() == before


class TestResolving:
    def test_the_plan_owner_records_what_was_done(self, make, investigator, staff):
        complaint = make(S.INVESTIGATING)
        owner = staff[roles.FINANCE]
        complaint = plan(complaint, investigator, plan_owner=owner)

        complaint = services.resolve_complaint(
            complaint, user=owner, resolution="已退還多收的運費。"
        )

        complaint = fresh(complaint)
        assert complaint.state == S.RESOLVED
        assert complaint.resolution == "已退還多收的運費。"
        assert complaint.due_at == complaint.state_changed_at + timedelta(hours=24)

    def test_an_empty_resolution_is_refused(self, make, investigator):
        complaint = make(S.PLAN_AGREED)

        with pytest.raises(TransitionNotAvailable) as refused:
            services.resolve_complaint(complaint, user=investigator, resolution="  ")

        assert "Write what was done" in refused.value.reason
        assert fresh(complaint).state == S.PLAN_AGREED

    def test_another_department_may_not(self, make, staff):
        complaint = make(S.PLAN_AGREED)

        with pytest.raises(CommandPermissionDenied):
            services.resolve_complaint(complaint, user=staff[roles.SALES], resolution="好了")


class TestTellingTheResult:
    def test_by_email_the_complainant_gets_the_result_as_written(
        self, make, cs, django_capture_on_commit_callbacks
    ):
        complaint = make(S.RESOLVED)
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.communicate_result(
                complaint,
                user=cs,
                result_message="油管已更換，並減免三天租金。",
                communicated_via=ContactMethod.EMAIL,
            )

        complaint = fresh(complaint)
        assert complaint.state == S.RESULT_COMMUNICATED
        assert complaint.communicated_via == ContactMethod.EMAIL
        assert [m.to for m in mail.outbox] == [[complaint.email]]
        assert "油管已更換，並減免三天租金。" in mail.outbox[0].body
        assert PublicUpdate.objects.latest("pk").text == "油管已更換，並減免三天租金。"

    def test_told_by_phone_it_is_recorded_as_said(self, make, cs):
        complaint = make(S.RESOLVED)

        services.communicate_result(
            complaint, user=cs, result_message="電話中說明。", communicated_via=ContactMethod.PHONE
        )

        assert sent(complaint, "result") == [(MessageChannel.RECORDED, complaint.phone)]

    def test_an_email_needs_an_address(self, make, cs):
        complaint = make(S.RESOLVED, email="")

        with pytest.raises(ComplaintInvalid) as refused:
            services.communicate_result(
                complaint, user=cs, result_message="結果", communicated_via=ContactMethod.EMAIL
            )

        assert "communicated_via" in refused.value.message_dict
        assert fresh(complaint).state == S.RESOLVED

    def test_the_department_may_not_tell_it_customer_service_does(self, make, investigator):
        complaint = make(S.RESOLVED)

        with pytest.raises(CommandPermissionDenied):
            services.communicate_result(
                complaint,
                user=investigator,
                result_message="結果",
                communicated_via=ContactMethod.SMS,
            )


class TestTheNormalPathToTheEnd:
    def test_each_step_leaves_its_history_entry(self, make):
        complaint = make(S.CLOSED)

        transitions = [a for a in history(complaint) if a.startswith("complaints.")]
        assert transitions == [
            "complaints.assign",
            "complaints.agree_plan",
            "complaints.resolve",
            "complaints.communicate_result",
            "complaints.close",
        ]
