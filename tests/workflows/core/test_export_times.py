"""Listing exports write date-times in the site's time zone (settings.TIME_ZONE), the
column heading naming the zone, whatever zone the exporting user's admin shows; choice
fields by their labels. CSV and XLSX alike."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from tests.factories import ConsultationFactory, UserFactory
from workflows.consultations.models import Consultation
from workflows.core.exports import site_time, zone_heading

pytestmark = pytest.mark.django_db

RECEIVED = datetime.datetime(2026, 1, 1, 16, 30, tzinfo=datetime.UTC)
LISTING = "wagtailsnippets_consultations_consultation:list"


@pytest.fixture
def client_in_english(client):
    admin = UserFactory(username="export_admin", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    # The admin shows this user another zone: the export still writes the site's.
    profile.current_time_zone = "Europe/London"
    profile.save()
    client.force_login(admin)
    return client


@pytest.fixture
def consultation(db):
    record = ConsultationFactory(received_at=RECEIVED)
    Consultation.objects.filter(pk=record.pk).update(state="reply_promised")
    return record


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_a_csv_export_writes_times_in_the_site_zone_and_names_it(client_in_english, consultation):
    response = client_in_english.get(reverse(LISTING) + "?export=csv")

    (row,) = csv_rows(response)
    assert row["Received at (Asia/Taipei)"] == "2026-01-02 00:30:00"
    assert row["State"] == "Reply promised"


def test_an_xlsx_export_writes_times_in_the_site_zone_and_names_it(client_in_english, consultation):
    response = client_in_english.get(reverse(LISTING) + "?export=xlsx")

    (row,) = xlsx_rows(response)
    assert row["Received at (Asia/Taipei)"] == datetime.datetime(2026, 1, 2, 0, 30)
    assert row["State"] == "Reply promised"
    # A column that holds no date-time names no zone.
    assert "Reference" in row


def test_the_helpers(settings):
    settings.TIME_ZONE = "Asia/Taipei"
    assert site_time(RECEIVED) == datetime.datetime(2026, 1, 2, 0, 30)
    assert site_time(None) is None
    assert zone_heading("Received at") == "Received at (Asia/Taipei)"


def test_a_date_time_reached_through_a_relation_is_headed_with_the_zone_too():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from workflows.complaints.models import RentCredit
    from workflows.core.exports import SafeExportMixin

    class View(SafeExportMixin, SpreadsheetExportMixin):
        model = RentCredit

    view, rows = View(), RentCredit.objects.all()
    assert view.get_heading(rows, "complaint.received_at").endswith("(Asia/Taipei)")
    assert view.get_heading(rows, "complaint__received_at").endswith("(Asia/Taipei)")
    assert "Asia/Taipei" not in view.get_heading(rows, "complaint.reference")
