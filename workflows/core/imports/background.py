"""Large files checked and saved by a background task (django-tasks: the database worker in
production, inline in development and tests).

The upload is stored as a `PendingImport`; `check_pending` writes its progress
and then the preview (the report, as JSON) on that row, so the status page
shows the same thing after a reload or from another app server.
`apply_pending` saves it, all rows or none.
"""

import dataclasses

from django.db import transaction

from .spec import ImportProblem, ImportReport, read_and_check, run_import, spec_named

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

    try:
        report, _importer = read_and_check(
            spec_named(pending.spec),
            pending.filename,
            bytes(pending.content),
            user=pending.user,
            progress=progress,
        )
    except Exception:  # never leave the page waiting: say so on it
        report = _unexpected()
    PendingImport.objects.filter(pk=pending_id).update(
        status="ready" if report.ok else "refused", progress=100, report=report_data(report)
    )


def apply_pending(pending_id, *, apply_updates=False):
    from ..models import PendingImport

    pending = _pending(pending_id)
    if pending is None or pending.status != "saving":
        return
    report = run_import(
        spec_named(pending.spec),
        pending.filename,
        bytes(pending.content),
        user=pending.user,
        dry_run=False,
        apply_updates=apply_updates,
    )
    status = "done" if report.saved else ("ready" if report.ok else "refused")
    with transaction.atomic():
        PendingImport.objects.filter(pk=pending_id).update(
            status=status, progress=100, report=report_data(report)
        )


def _unexpected():
    from django.utils.translation import gettext as _

    report = ImportReport()
    report.problems.append(
        ImportProblem(None, "", _("This file could not be checked because of an unexpected error."))
    )
    return report
