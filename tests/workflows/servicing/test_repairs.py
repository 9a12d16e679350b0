"""Repairs (P4.2): opened from four places, diagnosed, repaired, done, verified; a major
repair's expected completion told to the customer once, after commit."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.workflows.complaints.factories import ServiceTaskFactory
from tests.workflows.followups.factories import FollowUpFactory
from workflows.core.choices import MessageChannel
from workflows.core.exceptions import TransitionNotAvailable, TransitionPermissionDenied
from workflows.core.models import OutboundMessage
from workflows.servicing import services
from workflows.servicing.choices import RepairSource
from workflows.servicing.choices import RepairState as S
from workflows.servicing.choices import VisitState as VS
from workflows.servicing.models import Repair
from workflows.servicing.services.repairs import tell_customer_expected_completion

from .factories import make_lease

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def history(record, action):
    return ModelLogEntry.objects.filter(object_id=str(record.pk), action=action)


class TestOpening:
    def test_a_customers_call(self, cs, lease):
        contract, units = lease
        repair = services.report_repair(
            Repair(unit=units[0], contract=contract, reported_by_name="林經理", fault="無法啟動"),
            user=cs,
        )
        assert repair.state == S.REPORTED
        assert repair.source == RepairSource.CALL
        assert repair.customer == contract.customer
        assert repair.reference.startswith("RP")
        assert repair.due_at is not None
        assert history(repair, "wagtail.create").get().user == cs

    def test_a_call_without_the_caller_names_the_field(self, cs, lease):
        contract, units = lease
        with pytest.raises(ValidationError) as caught:
            services.report_repair(Repair(unit=units[0], contract=contract, fault="x"), user=cs)
        assert "reported_by_name" in caught.value.message_dict
        assert not Repair.objects.exists()

    def test_a_unit_not_on_the_contract_is_refused(self, cs, lease):
        contract, _units = lease
        _other, other_units = make_lease()
        with pytest.raises(ValidationError) as caught:
            services.report_repair(
                Repair(unit=other_units[0], contract=contract, reported_by_name="林", fault="x"),
                user=cs,
            )
        assert "unit" in caught.value.message_dict

    def test_from_a_visits_finding_once(self, make_visit, aftersales, lease):
        contract, units = lease
        visit = make_visit(VS.RECORDED, unit=units[0], contract=contract)

        repair = services.open_repair_from_visit(visit, user=aftersales)

        assert repair.source == RepairSource.VISIT
        assert repair.visit == visit
        assert repair.fault == "左側履帶張力不足"
        assert history(visit, "servicing.open_repair").get().data["note"] == repair.reference
        with pytest.raises(ValidationError):
            services.open_repair_from_visit(visit, user=aftersales)
        assert Repair.objects.count() == 1

    def test_not_from_a_visit_without_findings(self, make_visit, aftersales, lease):
        contract, units = lease
        visit = make_visit(unit=units[0], contract=contract)
        with pytest.raises(ValidationError):
            services.open_repair_from_visit(visit, user=aftersales)

    def test_from_a_follow_up(self, cs, lease):
        contract, units = lease
        follow_up = FollowUpFactory(contract=contract)
        repair = services.open_repair_from_follow_up(
            follow_up, user=cs, unit=units[1], fault="冷氣不冷"
        )
        assert (repair.source, repair.follow_up, repair.contract) == (
            RepairSource.FOLLOW_UP,
            follow_up,
            contract,
        )
        assert history(follow_up, "servicing.open_repair").exists()

    def test_from_a_complaints_service_task(self, aftersales, lease):
        contract, units = lease
        task = ServiceTaskFactory(
            complaint__contract=contract, complaint__customer=contract.customer
        )
        repair = services.open_repair_from_service_task(task, user=aftersales, unit=units[0])
        assert repair.source == RepairSource.SERVICE_TASK
        assert repair.service_task == task
        assert repair.fault == task.description
        assert repair.customer == contract.customer


class TestDiagnosis:
    def test_a_minor_repair_tells_nobody(self, make_repair, aftersales):
        repair = make_repair()
        repair = services.diagnose_repair(repair, user=aftersales, diagnosis="保險絲燒毀")
        assert repair.state == S.DIAGNOSED
        assert not repair.major
        assert not OutboundMessage.objects.exists()

    def test_a_major_repair_tells_the_customer_once_after_commit(
        self, make_repair, aftersales, django_capture_on_commit_callbacks
    ):
        repair = make_repair()
        repair.customer.email = "lin@example.com"
        repair.customer.save()

        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            repair = services.diagnose_repair(
                repair,
                user=aftersales,
                diagnosis="液壓泵浦需更換",
                major=True,
                expected_completion_on=in_days(7),
            )
        message = OutboundMessage.objects.get()
        assert message.channel == MessageChannel.EMAIL
        assert message.recipient_address == "lin@example.com"
        assert message.object_id == str(repair.pk)
        assert repair.reference in message.subject
        assert message.status == "queued"  # stored now, sent only after commit
        assert len(callbacks) == 1
        callbacks[0]()
        message.refresh_from_db()
        assert message.status == "sent"
        assert repair.state == S.DIAGNOSED
        assert repair.due_at is not None
        # Told once: the same date is never told twice.
        tell_customer_expected_completion(repair)
        assert OutboundMessage.objects.count() == 1

    def test_without_an_email_the_message_is_recorded_for_a_call(self, make_repair, aftersales):
        repair = make_repair()
        repair.customer.email = ""
        repair.customer.phone = ""
        repair.customer.save()
        services.diagnose_repair(
            repair, user=aftersales, diagnosis="x", major=True, expected_completion_on=in_days(3)
        )
        assert OutboundMessage.objects.get().channel == MessageChannel.RECORDED

    def test_a_major_repair_needs_the_date(self, make_repair, aftersales):
        repair = make_repair()
        with pytest.raises(TransitionNotAvailable, match="expected completion"):
            services.diagnose_repair(repair, user=aftersales, diagnosis="x", major=True)
        assert Repair.objects.get(pk=repair.pk).state == S.REPORTED
        assert not OutboundMessage.objects.exists()

    def test_a_date_in_the_past_is_refused(self, make_repair, aftersales):
        with pytest.raises(ValidationError) as caught:
            services.diagnose_repair(
                make_repair(),
                user=aftersales,
                diagnosis="x",
                major=True,
                expected_completion_on=in_days(-1),
            )
        assert "expected_completion_on" in caught.value.message_dict

    def test_refused_without_a_diagnosis(self, make_repair, aftersales):
        with pytest.raises(TransitionNotAvailable):
            services.diagnose_repair(make_repair(), user=aftersales, diagnosis="")

    def test_refused_to_customer_service(self, make_repair, cs):
        with pytest.raises(TransitionPermissionDenied):
            services.diagnose_repair(make_repair(), user=cs, diagnosis="x")


class TestTheRepairToItsEnd:
    def test_the_whole_path_with_history(self, make_repair, aftersales):
        repair = make_repair(S.VERIFIED, major=True)
        assert repair.state == S.VERIFIED
        assert repair.repaired_by == aftersales and repair.verified_by == aftersales
        assert repair.due_at is None
        actions = list(
            ModelLogEntry.objects.filter(
                object_id=str(repair.pk), content_type__app_label="servicing"
            )
            .order_by("pk")
            .values_list("action", flat=True)
        )
        assert actions == [
            "servicing.diagnose",
            "servicing.start_repair",
            "servicing.finish",
            "servicing.verify",
        ]

    def test_in_repair_a_major_repair_is_due_on_its_expected_date(self, make_repair):
        repair = make_repair(S.IN_REPAIR, major=True)
        assert timezone.localtime(repair.due_at).date() == in_days(5)  # by the end of that day

    def test_done_needs_the_work_written(self, make_repair, aftersales):
        with pytest.raises(TransitionNotAvailable):
            services.finish_repair(make_repair(S.IN_REPAIR), user=aftersales, work_done=" ")

    def test_verified_needs_the_check_written(self, make_repair, aftersales):
        with pytest.raises(TransitionNotAvailable):
            services.verify_repair(make_repair(S.DONE), user=aftersales, verification="")

    @pytest.mark.parametrize(
        ("command", "allowed", "kwargs"),
        [
            ("diagnose_repair", S.REPORTED, {"diagnosis": "x"}),
            ("start_repair", S.DIAGNOSED, {}),
            ("finish_repair", S.IN_REPAIR, {"work_done": "x"}),
            ("verify_repair", S.DONE, {"verification": "x"}),
        ],
    )
    def test_each_step_refused_from_every_other_state(
        self, make_repair, aftersales, command, allowed, kwargs
    ):
        for state in S:
            if state == allowed:
                continue
            repair = make_repair(state)
            with pytest.raises(TransitionNotAvailable):
                getattr(services, command)(repair, user=aftersales, **kwargs)
            assert Repair.objects.get(pk=repair.pk).state == state

    def test_customer_service_cannot_verify(self, make_repair, cs):
        with pytest.raises(TransitionPermissionDenied):
            services.verify_repair(make_repair(S.DONE), user=cs, verification="x")
