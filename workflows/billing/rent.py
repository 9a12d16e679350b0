"""The rent engine: pure functions, no database (README.md, "The rent engine").

Everything takes and returns `Decimal`s and dates and rounds only through
`workflows.core.money.money` (two places, half up), the function `pricing.py`
uses too.

- A contract is billed in **cycles** (monthly, weekly, daily) that start on its
  **billing day** (day of the month 1-28, or weekday 0 = Monday ... 6 = Sunday),
  **in advance** (invoiced on the first day of the period) or **in arrears**
  (invoiced the day after it ends).
- A partial period (the lease starts or ends inside it) is **prorated by
  actual days**. Parts are cut cumulatively: the part covering days a..b of a
  period of N days is `money(rent × b / N) − money(rent × (a − 1) / N)`, so
  the parts of one period always add up to exactly its rent, to the cent,
  and none is negative.
- **Early return**: `refund_unused` gives back the rent of the billed days
  after the return; `minimum_term` refunds nothing and charges the rent of the
  days up to the end of the minimum term that were not billed yet.
- **Late fee**: `overdue × daily rate × days late after the grace days`, never
  above `overdue × cap rate`.
"""

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from workflows.core.money import money

ZERO = Decimal("0.00")

MONTHLY = "monthly"
WEEKLY = "weekly"
DAILY = "daily"
CYCLES = (MONTHLY, WEEKLY, DAILY)

IN_ADVANCE = "in_advance"
IN_ARREARS = "in_arrears"

REFUND_UNUSED = "refund_unused"
MINIMUM_TERM = "minimum_term"


def _decimal(value, name):
    if isinstance(value, float):
        raise TypeError(f"{name} must be a Decimal, an int or a string, never a float")
    return Decimal(value)


@dataclass(frozen=True)
class Period:
    """Days `start` through `end`, both included."""

    start: date
    end: date

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def __contains__(self, day):
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Terms:
    """How a contract is billed: `rent` is the rent of one full period of the cycle."""

    rent: Decimal
    cycle: str = MONTHLY
    timing: str = IN_ADVANCE
    billing_day: int = 1

    def __post_init__(self):
        if self.cycle not in CYCLES:
            raise ValueError(f"unknown billing cycle {self.cycle!r}")
        if self.timing not in (IN_ADVANCE, IN_ARREARS):
            raise ValueError(f"unknown billing timing {self.timing!r}")
        if self.cycle == MONTHLY and not 1 <= self.billing_day <= 28:
            raise ValueError("a monthly billing day is 1 to 28")
        if self.cycle == WEEKLY and not 0 <= self.billing_day <= 6:
            raise ValueError("a weekly billing day is 0 (Monday) to 6 (Sunday)")
        if _decimal(self.rent, "rent") < 0:
            raise ValueError("rent cannot be negative")


@dataclass(frozen=True)
class Charge:
    """The rent of one billing period of a lease (`part` may be shorter than `full`)."""

    full: Period
    part: Period
    amount: Decimal
    invoice_on: date

    @property
    def prorated(self):
        return self.part != self.full


@functools.lru_cache(maxsize=1024)
def _month_days(year, month):
    return calendar.monthrange(year, month)[1]


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, _month_days(year, month)))


def full_period(day, cycle, billing_day=1):
    """The whole billing period of the cycle that contains `day`."""
    if cycle == DAILY:
        return Period(day, day)
    if cycle == WEEKLY:
        start = day - timedelta(days=(day.weekday() - billing_day) % 7)
        return Period(start, start + timedelta(days=6))
    if cycle == MONTHLY:
        start = day.replace(day=billing_day)
        if day.day < billing_day:
            start = add_months(start, -1)
        return Period(start, add_months(start, 1) - timedelta(days=1))
    raise ValueError(f"unknown billing cycle {cycle!r}")


def prorate(rent, full, part):
    """The rent of `part` (days inside `full`), cut cumulatively so parts add up exactly."""
    rent = _decimal(rent, "rent")
    if part.start < full.start or part.end > full.end or part.end < part.start:
        raise ValueError("the part must lie inside its period")
    if part == full:
        return money(rent)
    before = (part.start - full.start).days
    through = (part.end - full.start).days + 1
    return money(rent * through / full.days) - money(rent * before / full.days)


def invoice_date(part, timing):
    """When a period's rent is invoiced: on its first leased day in advance, the day
    after its last leased day in arrears."""
    return part.start if timing == IN_ADVANCE else part.end + timedelta(days=1)


def charges(terms, first_day, last_day):
    """The rent of every billing period of a lease from `first_day` through `last_day`."""
    if last_day < first_day:
        raise ValueError("the lease cannot end before it starts")
    result = []
    day = first_day
    while day <= last_day:
        full = full_period(day, terms.cycle, terms.billing_day)
        part = Period(max(full.start, first_day), min(full.end, last_day))
        result.append(
            Charge(full, part, prorate(terms.rent, full, part), invoice_date(part, terms.timing))
        )
        day = full.end + timedelta(days=1)
    return result


def charges_due(terms, first_day, last_day, on):
    """The charges of a lease that are invoiced on or before `on`, in order."""
    day = first_day
    while day <= last_day and day <= on:
        full = full_period(day, terms.cycle, terms.billing_day)
        part = Period(max(full.start, first_day), min(full.end, last_day))
        when = invoice_date(part, terms.timing)
        if when > on:
            break
        yield Charge(full, part, prorate(terms.rent, full, part), when)
        day = full.end + timedelta(days=1)


def charge_for(terms, first_day, last_day, on):
    """The charge of the period containing `on` (None when the lease does not cover it)."""
    if not first_day <= on <= last_day:
        return None
    full = full_period(on, terms.cycle, terms.billing_day)
    part = Period(max(full.start, first_day), min(full.end, last_day))
    return Charge(full, part, prorate(terms.rent, full, part), invoice_date(part, terms.timing))


def rent_between(terms, first_day, last_day):
    """Rent of the days `first_day` through `last_day` (zero when empty)."""
    if last_day < first_day:
        return ZERO
    return money(sum((c.amount for c in charges(terms, first_day, last_day)), ZERO))


def early_return(terms, rule, returned_on, billed_through, minimum_term_end=None):
    """What an early return changes: negative is a refund, positive a fee.

    `billed_through` is the last day already invoiced. `refund_unused` gives
    back the rent of the billed days after `returned_on`; `minimum_term`
    charges the unbilled days up to `minimum_term_end` and refunds nothing.
    """
    if rule == REFUND_UNUSED:
        return -rent_between(terms, returned_on + timedelta(days=1), billed_through)
    if rule == MINIMUM_TERM:
        if minimum_term_end is None:
            raise ValueError("the minimum term rule needs the minimum term's end")
        start = max(returned_on, billed_through) + timedelta(days=1)
        return rent_between(terms, start, minimum_term_end)
    raise ValueError(f"unknown early return rule {rule!r}")


def days_late(due_on, on, grace_days=0):
    """Days counted for the late fee: after the due date and the grace days."""
    return max(0, (on - due_on).days - grace_days)


def late_fee(overdue, due_on, on, *, daily_rate, grace_days=0, cap_rate):
    """`overdue × daily_rate × days late`, never above `overdue × cap_rate`, never negative."""
    overdue = _decimal(overdue, "overdue")
    if overdue <= 0:
        return ZERO
    daily_rate, cap_rate = _decimal(daily_rate, "daily_rate"), _decimal(cap_rate, "cap_rate")
    if daily_rate < 0 or cap_rate < 0:
        raise ValueError("rates cannot be negative")
    fee = money(overdue * daily_rate * days_late(due_on, on, grace_days))
    return min(fee, money(overdue * cap_rate))


def tax(net, rate):
    """Business tax on a net amount, shown on its own line of the invoice."""
    return money(_decimal(net, "net") * _decimal(rate, "rate"))


def rate_per_cycle(basis, rate, cycle):
    """A plan line's rate (per day, week or month) as the rent of one billing period.

    Same basis: the rate itself. Otherwise a month is 365/12 days and a week 7
    days: a day rate of 100 is 3041.67 a month, a month rate of 30000 is
    986.30 a day and 6904.11 a week.
    """
    rate = _decimal(rate, "rate")
    days = {"day": Decimal(1), "week": Decimal(7), "month": Decimal(365) / 12}
    by_cycle = {DAILY: "day", WEEKLY: "week", MONTHLY: "month"}
    return money(rate * days[by_cycle[cycle]] / days[basis])


def deposit_balance(deposit, deductions):
    """The deposit less its deductions: (to refund, to collect); one of them is zero."""
    rest = money(
        _decimal(deposit, "deposit") - sum((_decimal(d, "deduction") for d in deductions), ZERO)
    )
    return (rest, ZERO) if rest >= 0 else (ZERO, -rest)


def settlement_balance(
    *, billed, paid, late_fees, damage, other, deposit, early_return=ZERO, rent_credits=ZERO
):
    """The final balance of a contract: positive is owed by the customer, negative refunded.

    Billed rent, late fees, damage, other fees and the early return's fee (or, negative, its
    refund), less what was paid, less the complaint rent credits no invoice carried, and less
    the deposit held.
    """
    owed = money(
        sum(
            (_decimal(v, "amount") for v in (billed, late_fees, damage, other, early_return)),
            ZERO,
        )
        - _decimal(paid, "paid")
        - _decimal(rent_credits, "rent credits")
    )
    return money(owed - _decimal(deposit, "deposit"))
