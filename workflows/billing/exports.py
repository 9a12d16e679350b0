"""The final settlement as an Excel workbook: the statement, the deposit deductions, the invoices.

Text cells are neutralised (a payer's name is never run as a formula)."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from workflows.core.exports import neutralise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def settlement_rows(settlement):
    """[(label, amount)] of the statement, in the order printed; the last is the balance."""
    rows = [
        (_("Rent billed"), settlement.rent_billed),
        (_("Late fees"), settlement.late_fees),
        (_("Damage"), settlement.damage),
        (_("Other fees"), settlement.other),
        (_("Early return"), settlement.early_return),
        (_("Complaint rent credits"), -settlement.rent_credits),
        (_("Paid"), -settlement.paid),
        (_("Deposit held"), -settlement.deposit),
    ]
    label = _("To refund") if settlement.balance < 0 else _("To collect")
    return [*rows, (label, settlement.balance_size)]


def settlement_workbook(settlement, deductions, invoices):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Settlement")
    contract = settlement.contract
    sheet.append([_("Final settlement"), settlement.reference])
    sheet.append([_("Customer"), neutralise(contract.customer.name)])
    sheet.append([_("Contract"), neutralise(str(contract))])
    sheet.append([_("Returned on"), settlement.returned_on])
    sheet.append([_("State"), str(settlement.get_state_display())])
    sheet.append([])
    for label, amount in settlement_rows(settlement):
        sheet.append([str(label), amount])
    taken = book.create_sheet(_("Deposit deductions"))
    taken.append([_("Reason"), _("Details"), _("Amount")])
    for deduction in deductions:
        taken.append(
            [str(deduction.get_reason_display()), neutralise(deduction.note), deduction.amount]
        )
    listing = book.create_sheet(_("Invoices"))
    listing.append([_("Invoice"), _("Kind"), _("Date"), _("State"), _("Total"), _("Paid")])
    for invoice in invoices:
        listing.append(
            [
                invoice.number,
                str(invoice.get_kind_display()),
                invoice.invoice_date,
                str(invoice.get_state_display()),
                invoice.total,
                invoice.paid,
            ]
        )
    return book


def settlement_response(settlement, deductions, invoices):
    out = io.BytesIO()
    settlement_workbook(settlement, deductions, invoices).save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{settlement.reference}.xlsx"'
    return response
