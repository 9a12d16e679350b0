"""Reference numbers staff and customers quote: `C2611-000042`, one series per prefix and year.

A record gets its number before its first save, so a created record is written
once (no provisional value and second UPDATE). The counter row of the series
is locked and advanced inside the caller's transaction: a rolled-back creation
gives its number back, so a series has no gaps (what an auditor asks of
invoices), and two creations at once queue on the lock instead of colliding.
Bulk creation (periodic jobs, imports) takes a whole block of numbers in one
statement.
"""

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReferenceCounter(models.Model):
    """The last number given in one series (prefix and calendar year)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_counter_per_series")
        ]

    def __str__(self):
        return f"{self.prefix}{self.year}: {self.last}"


def format_reference(prefix, when, number):
    """`C2611-000042`: prefix, year and month of the record's date, number in the year."""
    return f"{prefix}{when:%y%m}-{number:06d}"


#: {prefix: [(model, field)]}: the records numbered in each series.
_series = {}


def register_series(prefix, model, field="reference"):
    """Declare that `model` numbers its `field` in the series `prefix` (ProcessRecord does it)."""
    pairs = _series.setdefault(prefix, [])
    if (model, field) not in pairs:
        pairs.append((model, field))


def highest_used(prefix, year):
    """The highest number already given in a series, for a counter created on data that was
    numbered before counters existed (or loaded from elsewhere)."""
    start = f"{prefix}{year % 100:02d}"
    highest = 0
    for model, field in _series.get(prefix, ()):
        values = model._default_manager.filter(**{f"{field}__startswith": start}).values_list(
            field, flat=True
        )
        for value in values.iterator():
            tail = value[len(start) :].partition("-")[2]
            if tail.isdigit() and len(value[len(start) :].partition("-")[0]) == 2:
                highest = max(highest, int(tail))
    return highest


def take_numbers(prefix, year, count=1):
    """Advance the series by `count` and return the first number taken.

    Must run inside the transaction that saves the records (the lock is held
    until it commits).
    """
    if count < 1:
        raise ValueError("count must be positive")
    with transaction.atomic():
        if not ReferenceCounter.objects.filter(prefix=prefix, year=year).exists():
            ReferenceCounter.objects.get_or_create(
                prefix=prefix, year=year, defaults={"last": highest_used(prefix, year)}
            )
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
        first = counter.last + 1
        ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + count)
    return first


def next_reference(prefix, when=None):
    """One new reference of the series `prefix` for a record dated `when` (default now)."""
    when = timezone.localtime(when) if when is not None else timezone.localtime()
    return format_reference(prefix, when, take_numbers(prefix, when.year))


def next_references(prefix, dates):
    """New references for records dated `dates` (in that order), in one statement per year."""
    local = [timezone.localtime(d) if hasattr(d, "tzinfo") and d.tzinfo else d for d in dates]
    by_year = {}
    for i, when in enumerate(local):
        by_year.setdefault(when.year, []).append(i)
    result = [None] * len(local)
    for year, positions in sorted(by_year.items()):
        first = take_numbers(prefix, year, len(positions))
        for offset, i in enumerate(positions):
            result[i] = format_reference(prefix, local[i], first + offset)
    return result
