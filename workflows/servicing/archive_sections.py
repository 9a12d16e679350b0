"""The sections the unit archive starts with: bookings, visits, repairs and state changes."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from workflows.core.people import person_name
from workflows.core.registry import inspect_url
from workflows.leasing.models import UnitBooking

from .archive import ArchiveEntry, register_archive_section
from .models import MaintenanceVisit, Repair


def bookings_of(unit):
    rows = UnitBooking.objects.filter(unit=unit).select_related("contract__customer")
    return [
        ArchiveEntry(
            when=booking.start,
            kind=str(_("Lease")),
            title=f"{booking.contract.number} {booking.contract.customer.name}",
            detail=_("%(start)s to %(end)s%(inactive)s")
            % {
                "start": booking.start,
                "end": booking.end,
                "inactive": "" if booking.active else " " + _("(released)"),
            },
            url=inspect_url(booking.contract),
        )
        for booking in rows
    ]


def visits_of(unit):
    rows = (
        MaintenanceVisit.objects.filter(unit=unit)
        .select_related("technician")
        .prefetch_related("wear_parts")
    )
    entries = []
    for visit in rows:
        work = [
            label
            for done, label in (
                (visit.cleaned, _("cleaned")),
                (visit.lubricated, _("lubricated")),
                (visit.tightened, _("tightened")),
                (visit.checked, _("checked")),
            )
            if done
        ]
        parts = ", ".join(str(p) for p in visit.wear_parts.all())
        detail = "; ".join(
            x
            for x in (
                ", ".join(str(w) for w in work),
                visit.readings,
                parts,
                visit.findings,
                person_name(visit.technician) if visit.technician_id else "",
            )
            if x
        )
        entries.append(
            ArchiveEntry(
                when=visit.visited_at or visit.due_on,
                kind=str(_("Maintenance visit")),
                title=f"{visit.reference} · {visit.get_state_display()}",
                detail=detail,
                url=inspect_url(visit),
            )
        )
    return entries


def repairs_of(unit):
    rows = Repair.objects.filter(unit=unit)
    return [
        ArchiveEntry(
            when=repair.reported_at,
            kind=str(_("Repair")),
            title=f"{repair.reference} · {repair.get_state_display()}",
            detail="; ".join(x for x in (repair.fault, repair.diagnosis, repair.work_done) if x),
            url=inspect_url(repair),
        )
        for repair in rows
    ]


def history_of(unit):
    content_type = ContentType.objects.get_for_model(unit)
    rows = ModelLogEntry.objects.filter(
        content_type=content_type, object_id=str(unit.pk)
    ).select_related("user")
    entries = []
    for entry in rows:
        data = entry.data or {}
        change = f"{data.get('from')} → {data.get('to')}" if data.get("from") else entry.action
        who = person_name(entry.user)
        entries.append(
            ArchiveEntry(
                when=entry.timestamp,
                kind=str(_("State change")) if data.get("from") else str(_("History")),
                title=change,
                detail="; ".join(x for x in (who, data.get("note") or "") if x),
            )
        )
    return entries


def register():
    register_archive_section(
        "leases", gettext_lazy("Leases"), bookings_of, permission="leasing.view_contract", order=10
    )
    register_archive_section(
        "visits",
        gettext_lazy("Maintenance visits"),
        visits_of,
        permission="servicing.view_maintenancevisit",
        order=30,
    )
    register_archive_section(
        "repairs", gettext_lazy("Repairs"), repairs_of, permission="servicing.view_repair", order=40
    )
    register_archive_section("history", gettext_lazy("State changes"), history_of, order=90)
