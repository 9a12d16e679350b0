"""The bank statement import (shared import machinery): one row per booking, keyed by the bank's
reference. After the rows are saved, each credit is matched by the invoice number it quotes, or
else by a contract number (the contract's oldest open invoice): the payment is recorded and
allocated. Lines that match nothing stay unmatched in the listing for Finance."""

import re
from decimal import InvalidOperation

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from workflows.core.imports import Column, ExcelImport

from .models import BankStatementLine, Invoice

INVOICE_NUMBER = re.compile(r"\bINV\d{4}-\d{6}\b", re.IGNORECASE)


class AmountWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (InvalidOperation, TypeError) as exc:
            raise ValueError(_("Give an amount, such as 31500 or 31500.50.")) from exc


class BankStatementResource(resources.ModelResource):
    amount = fields.Field(attribute="amount", column_name="amount", widget=AmountWidget())

    class Meta:
        model = BankStatementLine
        fields = ("bank_reference", "booked_on", "amount", "payer", "text")
        import_id_fields = ("bank_reference",)


def find_invoice(text):
    """The invoice a statement text quotes: by its number, else by a contract number."""
    from workflows.leasing.models import Contract

    found = INVOICE_NUMBER.search(text or "")
    if found:
        invoice = (
            Invoice.objects.select_related("customer")
            .filter(number=found.group(0).upper(), kind="invoice")
            .first()
        )
        if invoice is not None:
            return invoice
    for word in re.findall(r"[A-Z]{1,3}\d{4}-\d{6}", (text or "").upper()):
        contract = Contract.objects.filter(number=word).first()
        if contract is not None:
            return (
                Invoice.objects.select_related("customer")
                .filter(contract=contract, kind="invoice", state__in=Invoice.OPEN_STATES)
                .order_by("due_on", "pk")
                .first()
            )
    return None


def match_lines(lines, *, user):
    """Record and allocate a payment for each line quoting an invoice; (matched, left)."""
    from .models import Payment
    from .services import record_payment

    matched = 0
    for line in lines:
        if line.payment_id or line.amount <= 0:
            continue
        invoice = find_invoice(f"{line.text} {line.bank_reference}")
        if invoice is None:
            continue
        payment = record_payment(
            Payment(
                customer_id=invoice.customer_id,
                received_on=line.booked_on,
                amount=line.amount,
                method="bank_transfer",
                reference=line.bank_reference,
            ),
            user=user,
            invoices=[invoice],
        )
        line.invoice, line.payment = invoice, payment
        line.save(update_fields=["invoice", "payment"])
        matched += 1
    return matched, len(lines) - matched


class BankStatementImport(ExcelImport):
    name = "bank-statement"
    label = _("bank statement lines")
    resource_class = BankStatementResource
    permission = "billing.record_payment"
    columns = (
        Column(
            "bank_reference",
            (_("Bank reference"), "交易序號", "交易序号"),
            required=True,
            example="TX-0001",
        ),
        Column(
            "booked_on",
            (_("Booked on"), "入帳日期", "入账日期"),
            required=True,
            example="2026-01-20",
        ),
        Column("amount", (_("Amount"), "金額", "金额"), required=True, example="31500"),
        Column("payer", (_("Payer"), "付款人"), example="建國營造有限公司"),
        Column("text", (_("Description"), "摘要", _("Reference")), example="INV2601-000001"),
    )

    def preview_sections(self, rows, *, user):
        """Which invoice each new credit will pay, and the lines that will stay unmatched."""
        matched, unmatched = [], []
        for number, line, is_new in rows:
            if not is_new and line.payment_id:
                continue
            invoice = None
            if line.amount is not None and line.amount > 0:
                invoice = find_invoice(f"{line.text} {line.bank_reference}")
            if invoice is None:
                reason = (
                    _("Not a credit to the account.")
                    if line.amount is None or line.amount <= 0
                    else _("Quotes no open invoice or contract number.")
                )
                unmatched.append(
                    [
                        number,
                        line.bank_reference,
                        line.booked_on,
                        line.amount,
                        line.payer,
                        line.text,
                        reason,
                    ]
                )
            else:
                matched.append(
                    [
                        number,
                        line.bank_reference,
                        line.booked_on,
                        line.amount,
                        invoice.number,
                        invoice.customer,
                        invoice.balance,
                    ]
                )
        return [
            {
                "title": _("Lines that pay an invoice"),
                "key": "matched",
                "headers": [
                    _("Row"),
                    _("Bank reference"),
                    _("Booked on"),
                    _("Amount"),
                    _("Invoice"),
                    _("Customer"),
                    _("Open on the invoice"),
                ],
                "rows": matched,
            },
            {
                "title": _("Lines left unmatched"),
                "key": "unmatched",
                "headers": [
                    _("Row"),
                    _("Bank reference"),
                    _("Booked on"),
                    _("Amount"),
                    _("Payer"),
                    _("Description"),
                    _("Why"),
                ],
                "rows": unmatched,
            },
        ]

    def after_save(self, created, updated, *, user):
        match_lines(created, user=user)
