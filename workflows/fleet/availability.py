"""Which units of a model are free for a period, so that Sales can promise dates (P2.1, P2.2).

The fleet knows each unit's state; the leasing process knows which contract
booked which unit for which period. Leasing makes its bookings readable
through a *booking source*:

    def bookings_overlapping(units_queryset, start, end):
        '''Bookings of these units overlapping [start, end).'''
        return [{"unit_id": 7, "start": date(...), "end": date(...), "contract": "L2612-000003"}]

    register_booking_source(bookings_overlapping)

Periods are dates, half-open like PostgreSQL's `daterange`: `end` is the first
day the unit is free again, so back-to-back bookings do not overlap. Rows may
be mappings or objects with those four attributes; `contract` is the contract's
reference or the contract itself (its `number` or `reference` is shown). A source runs one query
for all the units it is given; `workflows.leasing.bookings.bookings_overlapping`
is used as a source when it exists, registered or not.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import import_module

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import UnitState

FAR_FUTURE = date(9999, 1, 1)
LEASING_SOURCE = ("workflows.leasing.bookings", "bookings_overlapping")

_sources = []


def register_booking_source(fn):
    if fn not in _sources:
        _sources.append(fn)
    return fn


def unregister_booking_source(fn):
    if fn in _sources:
        _sources.remove(fn)


def booking_sources():
    sources = list(_sources)
    module_name, name = LEASING_SOURCE
    try:
        leasing = getattr(import_module(module_name), name)
    except (ImportError, AttributeError):
        leasing = None
    if leasing is not None and leasing not in sources:
        sources.append(leasing)
    return sources


def _contract_label(contract):
    for name in ("number", "reference"):
        value = getattr(contract, name, None)
        if value:
            return str(value)
    return str(contract or "")


@dataclass(frozen=True)
class Booking:
    unit_id: int
    start: date
    end: date
    contract: str
    contract_record: object = None

    @classmethod
    def from_row(cls, row):
        read = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
        contract = read("contract")
        return cls(
            unit_id=read("unit_id"),
            start=read("start"),
            end=read("end"),
            contract=_contract_label(contract),
            contract_record=None if isinstance(contract, str) else contract,
        )

    def overlaps(self, start, end):
        return self.start < end and start < self.end

    def covers(self, day):
        return self.start <= day < self.end

    @property
    def last_day(self):
        return self.end - timedelta(days=1)


def bookings_for(units, start, end):
    """{unit pk: [Booking, ...]} of `units` overlapping [start, end): one query per source."""
    result = {}
    for source in booking_sources():
        for row in source(units, start, end):
            booking = Booking.from_row(row)
            if booking.overlaps(start, end):
                result.setdefault(booking.unit_id, []).append(booking)
    for bookings in result.values():
        bookings.sort(key=lambda b: (b.start, b.contract))
    return result


class Availability(models.TextChoices):
    FREE = "free", _("Free")
    RESERVED = "reserved", _("Reserved")
    ON_LEASE = "on_lease", _("On lease")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


@dataclass
class UnitAvailability:
    unit: object
    status: str
    bookings: list = field(default_factory=list)
    note: str = ""

    @property
    def status_label(self):
        return Availability(self.status).label

    @property
    def is_free(self):
        return self.status == Availability.FREE


def _status(unit, recorded, start, end, today):
    """The unit's status for [start, end), from its state and its recorded bookings."""
    if unit.state == UnitState.IN_SERVICE and (
        unit.expected_back_on is None or unit.expected_back_on >= start
    ):
        note = (
            _("expected back on %(date)s") % {"date": unit.expected_back_on.isoformat()}
            if unit.expected_back_on
            else _("return date unknown")
        )
        return Availability.OUT_OF_SERVICE, [], note
    in_period = [b for b in recorded if b.overlaps(start, end)]
    if in_period:
        out_now = unit.state == UnitState.ON_LEASE and any(b.covers(today) for b in in_period)
        return (Availability.ON_LEASE if out_now else Availability.RESERVED), in_period, ""
    if not recorded and unit.state in (UnitState.ON_LEASE, UnitState.RESERVED):
        # Out or held without any recorded period: never promise it.
        status = (
            Availability.ON_LEASE if unit.state == UnitState.ON_LEASE else Availability.RESERVED
        )
        return status, [], _("no lease period recorded")
    return Availability.FREE, [], ""


def availability(units, start, end):
    """Each unit of `units` (not retired) with its status for the days [start, end).

    - Out of service: in service or repair and not expected back before `start`.
    - On lease: out with a customer now under a booking that reaches into the period.
    - Reserved: booked for a contract during the period.
    - Free otherwise. A unit on lease or reserved with no booking recorded at all
      (from today on) keeps its state: nobody knows when it is free again.

    Queries: one for the units, one per booking source.
    """
    units = list(
        units.exclude(state=UnitState.RETIRED)
        .select_related("equipment_model")
        .order_by("asset_number")
    )
    if not units:
        return []
    today = timezone.localdate()
    ids = [unit.pk for unit in units]
    recorded = bookings_for(
        type(units[0]).objects.filter(pk__in=ids), min(start, today), FAR_FUTURE
    )
    rows = []
    for unit in units:
        status, bookings, note = _status(unit, recorded.get(unit.pk, []), start, end, today)
        rows.append(UnitAvailability(unit=unit, status=status, bookings=bookings, note=note))
    return rows


def inclusive_end(last_day):
    """The half-open end of a period whose last day is `last_day`."""
    return last_day + timedelta(days=1)
