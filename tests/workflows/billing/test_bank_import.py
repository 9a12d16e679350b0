"""The bank statement import: matched by invoice number or contract number, the rest left open."""

import io
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import Workbook

from workflows.billing import services
from workflows.billing.imports import BankStatementImport
from workflows.billing.models import BankStatementLine, Invoice, Payment
from workflows.core.imports import run_import

from .factories import billed_contract

pytestmark = pytest.mark.django_db


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_lines_are_matched_by_invoice_or_contract_number(staff):
    finance = staff["Finance"]
    first = billed_contract()
    second = billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=finance)
    invoice = Invoice.objects.get(contract=first)
    rows = [
        ["交易序號", "入帳日期", "金額", "付款人", "摘要"],
        ["TX-1", "2026-01-20", "5000", "A", f"payment {invoice.number}"],
        ["TX-2", "2026-01-21", "3000", "B", f"contract {second.number}"],
        ["TX-3", "2026-01-22", "700", "C", "no reference"],
    ]
    preview = run_import(BankStatementImport(), "bank.xlsx", xlsx(rows), user=finance, dry_run=True)
    assert preview.ok and preview.new == 3 and not BankStatementLine.objects.exists()
    report = run_import(BankStatementImport(), "bank.xlsx", xlsx(rows), user=finance, dry_run=False)
    assert report.ok
    lines = {line.bank_reference: line for line in BankStatementLine.objects.all()}
    assert lines["TX-1"].invoice == invoice and lines["TX-1"].payment.amount == Decimal("5000.00")
    assert lines["TX-2"].invoice.contract == second
    assert lines["TX-3"].invoice is None and lines["TX-3"].payment is None
    assert Payment.objects.count() == 2
    invoice.refresh_from_db()
    assert invoice.paid == Decimal("5000.00") and invoice.state == "partially_paid"


def test_a_bad_amount_is_named_by_row_and_column(staff):
    rows = [["Bank reference", "Booked on", "Amount"], ["TX-9", "2026-01-20", "lots"]]
    report = run_import(
        BankStatementImport(), "bank.xlsx", xlsx(rows), user=staff["Finance"], dry_run=True
    )
    assert [(p.row, p.column) for p in report.problems] == [(2, "Amount")]


def test_the_preview_lists_which_invoice_each_line_pays_and_the_unmatched(staff, client):
    finance = staff["Finance"]
    first = billed_contract()
    second = billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=finance)
    invoice = Invoice.objects.get(contract=first)
    other = Invoice.objects.get(contract=second)
    rows = [
        ["交易序號", "入帳日期", "金額", "付款人", "摘要"],
        ["TX-1", "2026-01-20", "5000.00", "建國營造", f"貨款 {invoice.number.lower()} 謝謝"],
        ["TX-2", "2026-01-21", "3000", "B", f"contract {second.number}"],
        ["TX-3", "2026-01-22", "700", "C", "no reference"],
        ["TX-4", "2026-01-22", "-120", "Bank", "fee"],
    ]
    report = run_import(BankStatementImport(), "bank.xlsx", xlsx(rows), user=finance, dry_run=True)
    matched, unmatched = report.sections
    assert [(r[1], r[4]) for r in matched["rows"]] == [
        ("TX-1", invoice.number),
        ("TX-2", other.number),
    ]
    assert [r[1] for r in unmatched["rows"]] == ["TX-3", "TX-4"]
    assert not BankStatementLine.objects.exists() and not Payment.objects.exists()

    client.force_login(finance)
    upload = io.BytesIO(xlsx(rows))
    upload.name = "bank.xlsx"
    page = client.post(
        reverse("wagtailsnippets_billing_bankstatementline:import"), {"file": upload}
    )
    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    assert invoice.number in html.select_one('[data-import-section="matched"]').text
    assert "TX-3" in html.select_one('[data-import-section="unmatched"]').text
    assert not Payment.objects.exists()
