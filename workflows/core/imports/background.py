"""Large files checked and saved by a background task (django-tasks: the database worker in
production, inline in development and tests).

The upload is stored as a `PendingImport`; `check_pending` writes its progress
and then the preview (the report, as JSON) on that row, so the status page
shows the same thing after a reload or from another app server.
`apply_pending` saves the rows the check stored (core.imports.checked), all or none,
without reading the file again.
"""

import dataclasses

from django.db import transaction

from .checked import fingerprint
from .spec import ImportProblem, ImportReport, apply_checked, check_file, spec_named

#: Files larger than this are checked in the background; smaller ones in the request.
BACKGROUND_BYTES = 512 * 1024


def report_data(report):
    data = dataclasses.asdict(report)
    data["ok"] = report.ok
    return data


def _pending(pending_id):
    from ..models import PendingImport

    return PendingImport.objects.filter(pk=pending_id).first()


def check_pending(pending_id):
    from ..models import PendingImport

    pending = _pending(pending_id)
    if pending is None or pending.status != "checking":
        return

    def progress(fraction):
        PendingImport.objects.filter(pk=pending_id).update(progress=min(99, int(fraction * 100)))

    content = bytes(pending.content)
    checked = None
    try:
        report, checked = check_file(
            spec_named(pending.spec),
            pending.filename,
            content,
            user=pending.user,
            progress=progress,
        )
    except Exception:  # never leave the page waiting: say so on it
        report = _unexpected()
    PendingImport.objects.filter(pk=pending_id).update(
        status="ready" if report.ok else "refused",
        progress=100,
        report=report_data(report),
        checked=checked,
        checked_hash=fingerprint(content),
    )


def apply_pending(pending_id, *, apply_updates=False):
    from ..models import PendingImport

    pending = _pending(pending_id)
    if pending is None or pending.status != "saving":
        return
    report = apply_checked(
        spec_named(pending.spec), pending, user=pending.user, apply_updates=apply_updates
    )
    status = "done" if report.saved else ("ready" if report.ok else "refused")
    data = report_data(report)
    if report.updates_refused:  # the preview stays on the page, with the changes to agree to
        data = {**pending.report, "updates_refused": True}
    with transaction.atomic():
        PendingImport.objects.filter(pk=pending_id).update(status=status, progress=100, report=data)


def _unexpected():
    from django.utils.translation import gettext as _

    report = ImportReport()
    report.problems.append(
        ImportProblem(None, "", _("This file could not be checked because of an unexpected error."))
    )
    return report
