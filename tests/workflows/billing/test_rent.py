"""The rent engine: the golden table (also in the README) and its properties."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflows.billing import rent
from workflows.billing.rent import (
    DAILY,
    IN_ADVANCE,
    IN_ARREARS,
    MONTHLY,
    WEEKLY,
    Period,
    Terms,
    full_period,
    late_fee,
    prorate,
)

from .golden import GOLDEN

README = Path(rent.__file__).with_name("README.md")


def evaluate(expression):
    namespace = {name: getattr(rent, name) for name in dir(rent) if not name.startswith("_")}
    namespace.update(date=date, D=Decimal)
    return str(eval(expression, namespace))  # noqa: S307 - the golden table's own expressions


@pytest.mark.parametrize(("what", "expression", "expected"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_table(what, expression, expected):
    assert evaluate(expression) == expected


def test_the_readme_prints_the_golden_table():
    text = README.read_text()
    for what, _expression, expected in GOLDEN:
        assert f"| {what} | {expected} |" in text, what


def test_floats_are_refused():
    with pytest.raises(TypeError):
        prorate(
            100.0,
            Period(date(2026, 1, 1), date(2026, 1, 31)),
            Period(date(2026, 1, 1), date(2026, 1, 2)),
        )


amounts = st.decimals(
    min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False
)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
terms = st.builds(
    lambda cycle, timing, day, amount: Terms(
        rent=amount, cycle=cycle, timing=timing, billing_day=day % 7 if cycle == WEEKLY else day
    ),
    st.sampled_from([MONTHLY, WEEKLY, DAILY]),
    st.sampled_from([IN_ADVANCE, IN_ARREARS]),
    st.integers(min_value=1, max_value=28),
    amounts,
)


@settings(max_examples=300)
@given(terms, days, st.lists(st.integers(min_value=1, max_value=30), max_size=6))
def test_prorated_parts_add_up_to_the_period_rent(terms, day, cuts):
    full = full_period(day, terms.cycle, terms.billing_day)
    edges = sorted({c for c in cuts if c < full.days})
    starts = [0, *edges]
    ends = [*edges, full.days]
    parts = [
        Period(full.start + timedelta(days=a), full.start + timedelta(days=b - 1))
        for a, b in zip(starts, ends, strict=True)
    ]
    amounts_ = [prorate(terms.rent, full, part) for part in parts]
    assert sum(amounts_) == rent.money(terms.rent)
    assert all(a >= 0 for a in amounts_)


@settings(max_examples=200)
@given(terms, days, st.integers(min_value=0, max_value=400))
def test_a_lease_is_never_charged_negative_and_never_more_than_whole_periods(terms, first, length):
    last = first + timedelta(days=length)
    charges = rent.charges(terms, first, last)
    assert all(c.amount >= 0 for c in charges)
    assert all(c.amount <= rent.money(terms.rent) for c in charges)
    # The periods follow each other without a gap or an overlap.
    assert charges[0].part.start == first and charges[-1].part.end == last
    for before, after in pairwise(charges):
        assert after.part.start == before.part.end + timedelta(days=1)


@given(
    amounts,
    days,
    st.integers(min_value=-30, max_value=2000),
    st.decimals(min_value=0, max_value=1, places=4),
    st.integers(min_value=0, max_value=60),
    st.decimals(min_value=0, max_value=1, places=4),
)
def test_late_fees_never_exceed_the_cap(overdue, due, offset, daily_rate, grace, cap_rate):
    fee = late_fee(
        overdue,
        due,
        due + timedelta(days=offset),
        daily_rate=daily_rate,
        grace_days=grace,
        cap_rate=cap_rate,
    )
    assert Decimal("0") <= fee <= rent.money(overdue * cap_rate)


@given(
    terms, days, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200)
)
def test_early_return_refund_is_never_more_than_billed(terms, first, used, billed):
    returned = first + timedelta(days=used)
    billed_through = first + timedelta(days=billed)
    refund = rent.early_return(terms, rent.REFUND_UNUSED, returned, billed_through)
    assert refund <= 0
    assert -refund <= rent.rent_between(terms, first, billed_through)
