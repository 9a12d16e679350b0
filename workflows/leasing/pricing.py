"""The rent rules of a lease plan, as pure functions (DESIGN.md, "Data rules": money).

Everything here takes and returns `Decimal`s and rounds only through
`workflows.core.money.money` (two places, half up). A line's rent is rounded
once, as it is printed; the rent total is the sum of the printed line rents,
so the lines of a plan always add up to its total.
"""

import calendar
import math
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from workflows.core.money import money

from .choices import RateBasis

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Totals:
    rent_total: Decimal
    deposit: Decimal
    grand_total: Decimal


def _decimal(value, name):
    if isinstance(value, float):
        raise TypeError(f"{name} must be a Decimal, an int or a string, never a float")
    return Decimal(value)


def model_rate(equipment_model, basis):
    """The catalogue rate of `equipment_model` for `basis` (day, week or month)."""
    return {
        RateBasis.DAY: equipment_model.rate_day,
        RateBasis.WEEK: equipment_model.rate_week,
        RateBasis.MONTH: equipment_model.rate_month,
    }[RateBasis(basis)]


def line_rent(quantity, unit_rate, periods):
    """Rent of one line: quantity × rate × periods, rounded half up to cents.

    `periods` may be fractional (1.5 months); nothing is rounded before the
    product, so 2 × 1000.05 × 1.25 = 2500.125 becomes 2500.13.
    """
    quantity = _decimal(quantity, "quantity")
    unit_rate = _decimal(unit_rate, "unit_rate")
    periods = _decimal(periods, "periods")
    if quantity < 0 or unit_rate < 0 or periods < 0:
        raise ValueError("quantity, rate and periods cannot be negative")
    return money(quantity * unit_rate * periods)


def default_deposit(items):
    """The deposit the catalogue asks for: Σ model deposit × quantity.

    `items` is an iterable of (deposit per unit, quantity).
    """
    return money(sum((_decimal(d, "deposit") * _decimal(q, "quantity") for d, q in items), ZERO))


def totals(line_rents, deposit):
    """Rent total (sum of the rounded line rents), deposit, and both together."""
    rent_total = money(sum((_decimal(r, "rent") for r in line_rents), ZERO))
    deposit = money(_decimal(deposit, "deposit"))
    return Totals(rent_total=rent_total, deposit=deposit, grand_total=money(rent_total + deposit))


def lease_days(first_day, last_day):
    """Days of a lease that runs from `first_day` through `last_day`, both included."""
    if last_day < first_day:
        raise ValueError("the lease cannot end before it starts")
    return (last_day - first_day).days + 1


def suggested_periods(first_day, last_day, basis):
    """How many whole rate periods cover the lease; a begun week or month counts in full.

    Months are calendar months from the first day: 1 Dec through 31 Dec is one
    month, 15 Dec through 14 Jan is one month, 15 Dec through 15 Jan is two.
    """
    basis = RateBasis(basis)
    days = lease_days(first_day, last_day)
    if basis == RateBasis.DAY:
        return Decimal(days)
    if basis == RateBasis.WEEK:
        return Decimal(math.ceil(days / 7))
    months = 0
    covered_until = first_day  # first day not yet covered
    end = last_day + timedelta(days=1)
    while covered_until < end:
        months += 1
        covered_until = add_months(first_day, months)
    return Decimal(months)


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, _month_days(year, month)))


def _month_days(year, month):
    return calendar.monthrange(year, month)[1]


def cheapest_basis(equipment_model, first_day, last_day):
    """The rate basis that prices the lease lowest for one unit; a tie goes to the longer basis.

    A 10-day lease may cost less as two weeks than as ten days: Sales starts
    from the offer that is best for the customer.
    """
    best = None
    for basis in (RateBasis.MONTH, RateBasis.WEEK, RateBasis.DAY):
        periods = suggested_periods(first_day, last_day, basis)
        cost = model_rate(equipment_model, basis) * periods
        if best is None or cost < best[0]:
            best = (cost, basis, periods)
    return best[1], best[2]
