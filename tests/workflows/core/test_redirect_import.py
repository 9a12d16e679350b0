"""Wagtail's redirect import: a confirmation without its signed fields is a 400, not a
server error; the real two-step import still goes through the guard."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

pytestmark = pytest.mark.django_db


def test_a_confirmation_without_its_signed_fields_is_a_bad_request(client, staff):
    client.force_login(staff["admin"])
    response = client.post(reverse("wagtailredirects:process_import"), {})
    assert response.status_code == 400
    assert not Redirect.objects.exists()


def test_a_role_without_redirects_is_refused_as_before(client, cs):
    client.force_login(cs)
    response = client.post(reverse("wagtailredirects:process_import"), {})
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.post(reverse("wagtailredirects:process_import"), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_real_import_still_goes_through(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff["admin"])
    upload = SimpleUploadedFile(
        "redirects.csv",
        b"from,to\n/old-catalogue/,https://rental.example.tw/catalogue/\n",
        content_type="text/csv",
    )
    confirm = client.post(reverse("wagtailredirects:start_import"), {"import_file": upload})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    signed = {
        name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
        for name in ("import_file_name", "input_format")
    }
    response = client.post(
        reverse("wagtailredirects:process_import"),
        {**signed, "from_index": "0", "to_index": "1", "permanent": "on"},
    )
    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/old-catalogue").exists()
