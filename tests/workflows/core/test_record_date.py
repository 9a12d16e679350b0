"""A record dated by a day (a `DateField`, e.g. a follow-up's `scheduled_for`) starts at
the beginning of that day in the current time zone: its reference carries that day's
month, and its first deadline counts from that moment."""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from workflows.core.records import _start_deadline, record_date


def dated(value, deadline=None):
    return SimpleNamespace(
        DATE_FIELD="day",
        day=value,
        created_at=None,
        due_at=None,
        state="new",
        deadline_for=lambda state: deadline,
    )


def test_a_day_starts_at_local_midnight():
    when = record_date(dated(date(2026, 1, 31)))

    assert timezone.is_aware(when)
    assert timezone.localtime(when).replace(tzinfo=None) == datetime(2026, 1, 31)


def test_a_moment_stays_as_it_is():
    moment = timezone.make_aware(datetime(2026, 3, 1, 9, 30))

    assert record_date(dated(moment)) == moment


def test_the_deadline_of_a_day_counts_from_its_start():
    record = dated(date(2026, 1, 31), deadline=timedelta(days=3, hours=23, minutes=59))

    _start_deadline(record)

    local = timezone.localtime(record.due_at)
    assert (local.date(), local.time()) == (date(2026, 2, 3), time(23, 59))


@pytest.mark.django_db
def test_references_of_a_day_take_its_month():
    from workflows.core.numbering import next_references

    (reference,) = next_references("ZT", [record_date(dated(date(2025, 12, 31)))])

    assert reference == "ZT2512-000001"
