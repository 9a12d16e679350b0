"""Finance reports: receivables ageing, the overdue list, collections by month.

Each figure is one query whatever the number of invoices.
"""

import io
from datetime import timedelta
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from workflows.core.exports import neutralise

from .choices import InvoiceKind
from .models import Allocation, Invoice

ZERO = Decimal("0.00")
BUCKETS = (("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None))


def _open():
    return Invoice.objects.filter(kind=InvoiceKind.INVOICE, state__in=Invoice.OPEN_STATES)


def ageing(on=None):
    """{bucket: open amount} by days past the due date (not yet due counts as 0-30)."""
    on = on or timezone.localdate()
    balance = ExpressionWrapper(
        F("total") - F("paid"), output_field=DecimalField(max_digits=14, decimal_places=2)
    )
    sums = {}
    for name, low, high in BUCKETS:
        condition = Q(due_on__lte=on - timedelta(days=low)) if low else Q()
        if high is not None:
            condition &= Q(due_on__gte=on - timedelta(days=high))
        sums[name] = Coalesce(
            Sum(balance, filter=condition), ZERO, output_field=balance.output_field
        )
    return _open().aggregate(**sums)


def overdue(on=None):
    on = on or timezone.localdate()
    return (
        _open()
        .filter(due_on__lt=on)
        .select_related("customer", "contract")
        .order_by("due_on", "pk")
    )


def collections_by_month():
    return list(
        Allocation.objects.annotate(month=TruncMonth("payment__received_on"))
        .values("month")
        .annotate(amount=Sum("amount"))
        .order_by("month")
    )


def figures(on=None):
    buckets = ageing(on)
    biggest = max([*buckets.values(), Decimal("1")])
    return {
        "ageing": [(name, amount, int(amount * 100 / biggest)) for name, amount in buckets.items()],
        "overdue": overdue(on),
        "collections": collections_by_month(),
    }


def excel_response(on=None):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Ageing")
    sheet.append([_("Days past due"), _("Open amount")])
    for name, amount in ageing(on).items():
        sheet.append([name, amount])
    listing = book.create_sheet(_("Overdue"))
    listing.append([_("Invoice"), _("Customer"), _("Due on"), _("Total"), _("Paid"), _("Open")])
    for invoice in overdue(on):
        listing.append(
            [
                invoice.number,
                neutralise(invoice.customer.name),
                invoice.due_on,
                invoice.total,
                invoice.paid,
                invoice.balance,
            ]
        )
    months = book.create_sheet(_("Collections"))
    months.append([_("Month"), _("Collected")])
    for row in collections_by_month():
        months.append([row["month"].strftime("%Y-%m") if row["month"] else "", row["amount"]])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="receivables.xlsx"'
    return response
