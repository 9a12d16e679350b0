"""After-sales sees its visits and repairs in its work queue, oldest deadline first."""

import pytest
from django.urls import reverse

from workflows.servicing.choices import RepairState as RS
from workflows.servicing.choices import VisitState as VS
from workflows.servicing.models import MaintenanceVisit, Repair

pytestmark = pytest.mark.django_db


def test_waiting_for_after_sales(aftersales, sales, make_visit, make_repair):
    scheduled, recorded = make_visit(), make_visit(VS.RECORDED)
    signed = make_visit(VS.SIGNED_OFF)
    reported, done = make_repair(), make_repair(RS.DONE)
    verified = make_repair(RS.VERIFIED)

    visits = set(MaintenanceVisit.waiting_for(aftersales))
    repairs = set(Repair.waiting_for(aftersales))

    assert {scheduled, recorded} <= visits and signed not in visits
    assert {reported, done} <= repairs and verified not in repairs
    assert not MaintenanceVisit.waiting_for(sales).exists()
    assert not Repair.waiting_for(sales).exists()


def test_the_admin_home_lists_them(client, aftersales, make_visit, make_repair):
    visit, repair = make_visit(), make_repair()
    client.force_login(aftersales)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert visit.reference in page
    assert repair.reference in page
