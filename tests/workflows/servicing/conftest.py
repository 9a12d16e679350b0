import pytest

from workflows.core import roles
from workflows.servicing import services
from workflows.servicing.choices import RepairState as RS
from workflows.servicing.choices import VisitState as VS

from .factories import MaintenanceVisitFactory, RepairFactory, make_lease


@pytest.fixture(autouse=True)
def english_admin(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def aftersales(staff):
    return staff[roles.AFTER_SALES]


@pytest.fixture
def lease(db):
    """A signed contract, started 60 days ago for a year, with two units booked."""
    return make_lease(count=2)


def record(visit, user, **overrides):
    data = {
        "technician": user,
        "cleaned": True,
        "lubricated": True,
        "readings": "油壓 210 bar，引擎時數 1520 h",
        "findings": "",
        "wear_parts": [("機油濾芯", 1)],
    }
    data.update(overrides)
    return services.record_visit(visit, user=user, **data)


@pytest.fixture
def make_visit(aftersales):
    def build(state=VS.SCHEDULED, **fields):
        visit = MaintenanceVisitFactory(**fields)
        if state == VS.SCHEDULED:
            return visit
        if state == VS.CANCELLED:
            return services.cancel_visit(visit, user=aftersales, reason="設備提前歸還")
        visit = record(visit, aftersales, findings="左側履帶張力不足")
        if state == VS.RECORDED:
            return visit
        return services.sign_off_visit(visit, user=aftersales, customer_signatory="林經理")

    return build


@pytest.fixture
def make_repair(aftersales):
    def build(state=RS.REPORTED, major=False, **fields):
        repair = RepairFactory(**fields)
        if state == RS.REPORTED:
            return repair
        repair = services.diagnose_repair(
            repair,
            user=aftersales,
            diagnosis="液壓泵浦密封圈老化",
            major=major,
            expected_completion_on=services_today_plus(5) if major else None,
        )
        if state == RS.DIAGNOSED:
            return repair
        repair = services.start_repair(repair, user=aftersales)
        if state == RS.IN_REPAIR:
            return repair
        repair = services.finish_repair(repair, user=aftersales, work_done="更換密封圈")
        if state == RS.DONE:
            return repair
        return services.verify_repair(repair, user=aftersales, verification="試車 30 分鐘無滲漏")

    return build


def services_today_plus(days):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days)
