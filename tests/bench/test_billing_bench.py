"""The monthly billing run over many active contracts (`make bench`; 100,000 by default,
`BILLING_BENCH_CONTRACTS` to change). Run on PostgreSQL for the figure the issue asks for."""

import os
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from tests.bench.test_bench import count_queries, report
from tests.workflows.customers.factories import CustomerFactory
from workflows.billing.models import BillingAccount, Invoice
from workflows.billing.services import run_billing
from workflows.leasing.models import Contract, ContractTemplate, LeasePlan, Requirement

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

CONTRACTS = int(os.environ.get("BILLING_BENCH_CONTRACTS", "100000"))


def _contracts(count):
    customer = CustomerFactory()
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    requirement = Requirement.objects.create(
        customer=customer, period_start=start, period_end=end, site_address="bench"
    )
    template = ContractTemplate.objects.create(name="bench", title="bench")
    plans = LeasePlan.objects.bulk_create(
        [
            LeasePlan(
                reference=f"PB-{i:07d}",
                requirement=requirement,
                customer=customer,
                state="accepted",
                valid_until=start + timedelta(days=14),
            )
            for i in range(count)
        ],
        batch_size=5000,
    )
    contracts = Contract.objects.bulk_create(
        [
            Contract(
                number=f"LB-{i:07d}",
                customer=customer,
                plan=plan,
                template=template,
                title="bench",
                language="zh-hant",
                state="signed",
                period_start=start,
                period_end=end,
                delivery_date=start,
                delivery_place="bench",
            )
            for i, plan in enumerate(plans)
        ],
        batch_size=5000,
    )
    BillingAccount.objects.bulk_create(
        [
            BillingAccount(
                contract=contract,
                customer=customer,
                rent=Decimal("30000.00") + i % 1000,
                first_day=start,
                last_day=end,
                billing_day=1,
                billed_through=date(2026, 2, 28),
            )
            for i, contract in enumerate(contracts)
        ],
        batch_size=5000,
    )


def test_monthly_billing_run():
    _contracts(CONTRACTS)
    started = time.perf_counter()
    with count_queries() as queries:
        if os.environ.get("BILLING_BENCH_PROFILE"):
            import cProfile
            import pstats

            profile = cProfile.Profile()
            made = profile.runcall(run_billing, on=date(2026, 3, 1))
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        else:
            made = run_billing(on=date(2026, 3, 1))
    first = time.perf_counter() - started
    assert made == CONTRACTS
    report(f"billing run, {CONTRACTS} contracts on {connection.vendor}: seconds", first, "s")
    report("billing run: queries", len(queries), "")
    started = time.perf_counter()
    again = run_billing(on=date(2026, 3, 1))
    report("billing run again (nothing to do): seconds", time.perf_counter() - started, "s")
    assert again == 0
    assert Invoice.objects.count() == CONTRACTS
