"""The complaint analysis as an Excel workbook, every text cell safe to open (core.exports)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from workflows.core.exports import neutralise, site_time, zone_heading

from .queries import complaints_in

HIGHLIGHT = PatternFill("solid", fgColor="F8D7DA")


def _sheet(workbook, title, header, rows, highlighted=()):
    sheet = workbook.create_sheet(title[:31])
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, row in enumerate(rows):
        sheet.append([neutralise(str(v)) if isinstance(v, str) else v for v in row])
        if index in highlighted:
            for cell in sheet[sheet.max_row]:
                cell.fill = HIGHLIGHT
    return sheet


def _hours(delta):
    return None if delta is None else round(delta.total_seconds() / 3600, 1)


def _counts(workbook, title, rows):
    _sheet(
        workbook,
        title,
        [title, _("Complaints")],
        [(row.label, row.count) for row in rows],
        highlighted={i for i, row in enumerate(rows) if row.repeated},
    )


def workbook_bytes(analysis):
    workbook = Workbook()
    workbook.remove(workbook.active)
    share = analysis.share_within_deadline
    _sheet(
        workbook,
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            (_("From"), analysis.period.start),
            (_("To"), analysis.period.end),
            (_("Complaints"), analysis.total),
            (_("Closed"), analysis.closed),
            (_("Urgent"), analysis.urgent),
            (_("Reopened"), analysis.reopened),
            (_("Average time to close (hours)"), _hours(analysis.average_time_to_close)),
            (
                _("Closed within every deadline (%)"),
                None if share is None else round(share * 100, 1),
            ),
            (
                _("Average satisfaction (1-5)"),
                None
                if analysis.average_satisfaction is None
                else round(analysis.average_satisfaction, 2),
            ),
            (_("Ratings"), analysis.rated),
        ],
    )
    _counts(workbook, _("By month"), analysis.by_month)
    _counts(workbook, _("By category"), analysis.by_category)
    _counts(workbook, _("By channel"), analysis.by_channel)
    _sheet(
        workbook,
        _("By department"),
        [_("Department"), _("Complaints"), _("Closed"), _("Average satisfaction")],
        [
            (
                row.label,
                row.count,
                row.extra["closed"],
                None if row.extra["satisfaction"] is None else round(row.extra["satisfaction"], 2),
            )
            for row in analysis.by_department
        ],
        highlighted={i for i, row in enumerate(analysis.by_department) if row.repeated},
    )
    _counts(workbook, _("By root cause"), analysis.by_root_cause)
    _sheet(
        workbook,
        _("Repeated complaints"),
        [_("Customer or complainant"), _("Complaints")],
        [(row.label, row.count) for row in analysis.repeated_customers],
        highlighted=set(range(len(analysis.repeated_customers))),
    )
    _complaints_sheet(workbook, analysis.period)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _local(value):
    return site_time(value)


def _complaints_sheet(workbook, period):
    rows = (
        (
            c.reference,
            _local(c.received_at),
            c.get_channel_display(),
            c.get_category_display(),
            c.get_state_display(),
            _("yes") if c.urgent else "",
            c.get_department_display() if c.department else "",
            c.complainant_name,
            c.company,
            c.description,
            c.get_root_cause_display() if c.root_cause else "",
            c.root_cause_detail,
            c.corrective_action,
            _local(c.closed_at),
            c.deadlines_missed,
            c.satisfaction,
            c.rating_comment,
        )
        for c in complaints_in(period).order_by("received_at", "pk").iterator()
    )
    _sheet(
        workbook,
        _("Complaints"),
        [
            _("Reference"),
            zone_heading(_("Received at")),
            _("Channel"),
            _("Category"),
            _("State"),
            _("Urgent"),
            _("Department"),
            _("Complainant"),
            _("Company"),
            _("What happened"),
            _("Root cause"),
            _("Root cause (details)"),
            _("Corrective action"),
            zone_heading(_("Closed at")),
            _("Deadlines missed"),
            _("Satisfaction"),
            _("Rating comment"),
        ],
        rows,
    )
