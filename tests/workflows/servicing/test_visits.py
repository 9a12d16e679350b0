"""Recording a maintenance visit, its sign-off and its cancelling (P4.1)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from workflows.core.escalation import escalate_overdue
from workflows.core.exceptions import TransitionNotAvailable, TransitionPermissionDenied
from workflows.core.models import OutboundMessage
from workflows.servicing import services
from workflows.servicing.choices import VisitState as S
from workflows.servicing.models import MaintenanceVisit

from .conftest import record

pytestmark = pytest.mark.django_db


def history(visit, action):
    return ModelLogEntry.objects.filter(
        content_type__app_label="servicing", object_id=str(visit.pk), action=action
    )


class TestRecordingTheWork:
    def test_records_work_readings_parts_findings_and_technician(self, make_visit, aftersales):
        visit = make_visit()

        visit = record(
            visit,
            aftersales,
            tightened=True,
            checked=True,
            findings="左側履帶張力不足",
            wear_parts=[("機油濾芯", 1), ("液壓油", "20")],
        )

        assert visit.state == S.RECORDED
        assert visit.technician == aftersales
        assert (visit.cleaned, visit.lubricated, visit.tightened, visit.checked) == (
            True,
            True,
            True,
            True,
        )
        assert visit.findings == "左側履帶張力不足"
        assert [(p.part, p.quantity) for p in visit.wear_parts.all()] == [
            ("機油濾芯", 1),
            ("液壓油", 20),
        ]
        assert visit.visited_at is not None
        assert visit.due_at is not None  # the customer's sign-off is due
        entry = history(visit, "servicing.record").get()
        assert entry.user == aftersales
        assert entry.data["from"] == S.SCHEDULED and entry.data["to"] == S.RECORDED
        assert entry.data["wear_parts"] == [["機油濾芯", 1], ["液壓油", 20]]

    def test_refused_without_work_ticked(self, make_visit, aftersales):
        visit = make_visit()
        with pytest.raises(TransitionNotAvailable, match="tick the work"):
            record(visit, aftersales, cleaned=False, lubricated=False)
        assert MaintenanceVisit.objects.get(pk=visit.pk).state == S.SCHEDULED

    def test_refused_without_readings(self, make_visit, aftersales):
        visit = make_visit()
        with pytest.raises(TransitionNotAvailable):
            record(visit, aftersales, readings="  ")
        assert not history(visit, "servicing.record").exists()

    @pytest.mark.parametrize("part", [("", 1), ("機油濾芯", 0), ("機油濾芯", "x")])
    def test_a_bad_wear_part_is_refused_naming_the_field(self, make_visit, aftersales, part):
        visit = make_visit()
        with pytest.raises(ValidationError) as caught:
            record(visit, aftersales, wear_parts=[part])
        assert "wear_parts" in caught.value.message_dict
        assert MaintenanceVisit.objects.get(pk=visit.pk).state == S.SCHEDULED
        assert not visit.wear_parts.exists()

    @pytest.mark.parametrize("state", [S.RECORDED, S.SIGNED_OFF, S.CANCELLED])
    def test_refused_from_other_states(self, make_visit, aftersales, state):
        visit = make_visit(state)
        with pytest.raises(TransitionNotAvailable):
            record(visit, aftersales)
        assert MaintenanceVisit.objects.get(pk=visit.pk).state == state

    def test_refused_to_sales(self, make_visit, sales):
        visit = make_visit()
        with pytest.raises(TransitionPermissionDenied):
            record(visit, sales)


class TestSignOff:
    def test_the_customer_signs_off_by_name(self, make_visit, aftersales):
        visit = make_visit(S.RECORDED)

        visit = services.sign_off_visit(visit, user=aftersales, customer_signatory="林經理")

        assert visit.state == S.SIGNED_OFF
        assert visit.customer_signatory == "林經理"
        assert visit.signed_off_at is not None
        assert visit.due_at is None
        assert history(visit, "servicing.sign_off").get().user == aftersales

    def test_refused_without_a_name(self, make_visit, aftersales):
        visit = make_visit(S.RECORDED)
        with pytest.raises(TransitionNotAvailable, match="representative"):
            services.sign_off_visit(visit, user=aftersales, customer_signatory=" ")

    @pytest.mark.parametrize("state", [S.SCHEDULED, S.SIGNED_OFF, S.CANCELLED])
    def test_refused_from_other_states(self, make_visit, aftersales, state):
        visit = make_visit(state)
        with pytest.raises(TransitionNotAvailable):
            services.sign_off_visit(visit, user=aftersales, customer_signatory="林經理")


class TestCancel:
    def test_cancelled_with_a_reason(self, make_visit, aftersales):
        visit = services.cancel_visit(make_visit(), user=aftersales, reason="設備提前歸還")
        assert visit.state == S.CANCELLED
        assert history(visit, "servicing.cancel").get().data["note"] == "設備提前歸還"

    def test_refused_without_a_reason(self, make_visit, aftersales):
        with pytest.raises(TransitionNotAvailable):
            services.cancel_visit(make_visit(), user=aftersales, reason="")

    @pytest.mark.parametrize("state", [S.RECORDED, S.SIGNED_OFF, S.CANCELLED])
    def test_refused_from_other_states(self, make_visit, aftersales, state):
        with pytest.raises(TransitionNotAvailable):
            services.cancel_visit(make_visit(state), user=aftersales, reason="x")


class TestOverdueVisits:
    def test_a_visit_past_its_day_is_flagged_and_escalated_to_after_sales_once(
        self, make_visit, aftersales, django_capture_on_commit_callbacks
    ):
        from datetime import timedelta

        from django.utils import timezone

        visit = make_visit(due_on=timezone.localdate() - timedelta(days=3))
        MaintenanceVisit.objects.filter(pk=visit.pk).update(
            due_at=timezone.now() - timedelta(days=2)
        )
        assert MaintenanceVisit.objects.overdue().filter(pk=visit.pk).exists()

        with django_capture_on_commit_callbacks(execute=True):
            assert escalate_overdue(MaintenanceVisit) == 1
            assert escalate_overdue(MaintenanceVisit) == 0

        assert history(visit, "core.escalate").count() == 1
        assert OutboundMessage.objects.filter(recipient_user=aftersales).count() == 1
        visit.refresh_from_db()
        assert visit.escalated_at is not None
