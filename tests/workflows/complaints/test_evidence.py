"""Evidence files in the admin: served to those who may see the complaint, never as a page."""

import pytest
from django.test import Client
from django.urls import reverse

from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.core import roles

from .factories import image_file, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(make, cs):
    complaint = make(S.INVESTIGATING)
    services.add_evidence(complaint, user=cs, evidence=[image_file("現場.jpg"), pdf_file()])
    photo, document = complaint.attachments.order_by("pk")
    return complaint, photo, document


def download(user, attachment):
    browser = Client()
    if user is not None:
        browser.force_login(user)
    return browser.get(
        reverse("wagtailsnippets_complaints_complaint:evidence", args=[attachment.pk])
    )


class TestEvidenceFiles:
    def test_the_inspect_page_lists_them(self, client, cs, evidence):
        complaint = evidence[0]
        client.force_login(cs)

        response = client.get(
            reverse("wagtailsnippets_complaints_complaint:inspect", args=[complaint.pk])
        )

        assert "現場.jpg" in response.text
        assert "invoice.pdf" in response.text

    def test_a_photo_is_shown_with_its_real_type_and_no_sniffing(self, cs, evidence):
        _complaint, photo, _document = evidence

        response = download(cs, photo)

        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")

    def test_a_pdf_is_downloaded_not_opened(self, cs, evidence):
        _complaint, _photo, document = evidence

        response = download(cs, document)

        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")

    def test_the_assigned_department_may_see_them(self, investigator, evidence):
        assert download(investigator, evidence[1]).status_code == 200

    @pytest.mark.parametrize("role", [roles.SALES, roles.FINANCE, roles.MARKETING])
    def test_another_department_gets_404(self, staff, evidence, role):
        assert download(staff[role], evidence[1]).status_code == 404

    def test_a_visitor_is_sent_to_log_in(self, evidence):
        response = download(None, evidence[1])

        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


class TestPrivateStorage:
    """Evidence lives in the private storage, which has no public URL, not under /media/."""

    def test_the_file_is_in_the_private_storage_not_in_public_media(self, evidence):
        from django.core.files.storage import storages

        _complaint, photo, document = evidence
        for attachment in (photo, document):
            assert attachment.file.storage is not storages["default"]
            assert attachment.file.storage.exists(attachment.file.name)
            assert not storages["default"].exists(attachment.file.name)

    def test_the_view_answers_with_nosniff_a_sandbox_and_a_safe_file_name(self, cs, evidence):
        _complaint, _photo, document = evidence
        response = download(cs, document)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "\n" not in response["Content-Disposition"]


def test_files_moved_out_of_public_media(make, cs):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages
    from django.core.management import call_command

    complaint = make(S.INVESTIGATING)
    services.add_evidence(complaint, user=cs, evidence=[pdf_file()])
    attachment = complaint.attachments.get()
    name = attachment.file.name
    # As uploaded before the private storage existed:
    private = attachment.file.storage
    private.delete(name)
    storages["default"].save(name, ContentFile(b"%PDF-1.4 old upload"))
    call_command("move_private_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert private.exists(name)
    assert not storages["default"].exists(name)
