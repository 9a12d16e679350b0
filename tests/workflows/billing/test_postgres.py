"""SQLite and PostgreSQL give the same amounts: the billing run (COPY on PostgreSQL, the ORM
elsewhere) stores exactly what the rent engine computes."""

from datetime import date
from decimal import Decimal

import pytest

from workflows.billing import rent, services
from workflows.billing.models import Invoice

from .factories import billed_contract

pytestmark = pytest.mark.django_db

EXPECTED = [
    ("16451.61", "822.58", "17274.19"),
    ("30000.00", "1500.00", "31500.00"),
    ("30000.00", "1500.00", "31500.00"),
]


def _amounts():
    return [
        (str(i.net), str(i.tax), str(i.total)) for i in Invoice.objects.order_by("period_start")
    ]


def test_the_run_stores_the_engine_amounts(staff):
    billed_contract(rent="30000")
    services.run_billing(on=date(2026, 3, 5), user=staff["Finance"])
    assert _amounts() == EXPECTED
    charges = rent.charges(rent.Terms(rent=Decimal("30000")), date(2026, 1, 15), date(2026, 3, 31))
    assert [str(c.amount) for c in charges] == [e[0] for e in EXPECTED]


def test_the_same_amounts_on_postgresql(postgres, staff):
    from django.contrib.auth.models import Group

    from workflows.core.roles import sync_roles

    sync_roles()
    billed_contract(rent="30000")
    finance = staff["Finance"]
    assert Group.objects.filter(name="Finance").exists()
    services.run_billing(on=date(2026, 3, 5), user=finance)
    assert _amounts() == EXPECTED
    assert Invoice.objects.first().lines.get().amount in {Decimal(e[0]) for e in EXPECTED}
    assert services.run_billing(on=date(2026, 3, 5), user=finance) == 0
