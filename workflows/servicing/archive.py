"""The unit archive (P4.3): one page per unit with its whole life in order.

Each process adds what it knows about a unit through `register_archive_section`:

    register_archive_section("visits", _("Maintenance visits"), visits_of, order=20)

`collect(unit)` returns `ArchiveEntry`s (one or two queries, whatever their
number). Handovers and inspections add theirs from their own app the same way.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone


@dataclass(frozen=True)
class ArchiveEntry:
    when: object  # a date or an aware datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""

    @property
    def moment(self):
        """For ordering: a date counts from the start of its day."""
        if isinstance(self.when, datetime):
            return self.when
        if isinstance(self.when, date):
            return timezone.make_aware(datetime.combine(self.when, time.min))
        return timezone.now()


@dataclass(frozen=True)
class ArchiveSection:
    key: str
    label: object
    collect: object
    permission: str | None = None
    order: int = 100
    extra: dict = field(default_factory=dict)

    def visible_to(self, user):
        return self.permission is None or user.has_perm(self.permission)


_sections = {}


def register_archive_section(key, label, collect, *, permission=None, order=100):
    """Add (or replace, by `key`) a section of every unit's archive."""
    _sections[key] = ArchiveSection(
        key=key, label=label, collect=collect, permission=permission, order=order
    )


def archive_sections(user=None):
    sections = sorted(_sections.values(), key=lambda s: (s.order, s.key))
    return [s for s in sections if user is None or s.visible_to(user)]


def unit_life(unit, user=None):
    """Every entry of every section the user may see, oldest first."""
    entries = []
    for section in archive_sections(user):
        entries.extend(section.collect(unit))
    return sorted(entries, key=lambda e: e.moment)
