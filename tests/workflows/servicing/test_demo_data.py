"""The demo has visits and repairs in every state, loaded once, through the services."""

import pytest

from fixtures import demo
from workflows.core.models import OutboundMessage
from workflows.servicing.choices import RepairState, VisitState
from workflows.servicing.models import MaintenanceVisit, Repair

pytestmark = pytest.mark.django_db


def test_every_visit_and_repair_state_and_idempotent():
    demo.load()
    counts = (MaintenanceVisit.objects.count(), Repair.objects.count())
    demo.load()

    assert counts == (MaintenanceVisit.objects.count(), Repair.objects.count())
    assert set(MaintenanceVisit.objects.values_list("state", flat=True)) == set(VisitState.values)
    assert set(Repair.objects.values_list("state", flat=True)) == set(RepairState.values)
    assert Repair.objects.exclude(replacement_booking=None).exists()
    assert OutboundMessage.objects.filter(template="servicing/expected_completion").count() == 1
