"""Evidence sent with a public complaint: photos and PDF only, by their content (P9.2).

Each refused file is named with the reason, and nothing at all is kept: no
complaint, no file, no message, not even the good files sent with a bad one.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.workflows.complaints.factories import (
    ComplaintMessageFactory,
    html_as_jpg,
    huge_image_file,
    image_file,
    pdf_file,
)
from workflows.complaints.models import Complaint

from .complaint_fixtures import (  # noqa: F401
    COMPLAINT_URL,
    assert_nothing_stored,
    complaint_page_fixture,
    contact_fixture,
    fresh_storage_fixture,
    stored_files,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def send_with(send, complaint_page):
    def post(*files):
        return send({**ComplaintMessageFactory(), "evidence": list(files)}, url=COMPLAINT_URL)

    return post


def evidence_errors(field_block, response):
    return field_block(response, "evidence").select_one(".field__error").get_text()


class TestAcceptedEvidence:
    def test_photos_and_a_pdf_are_kept_with_the_complaint(self, send_with):
        response = send_with(
            image_file("現場.jpg"), image_file("特寫.png", image_format="PNG"), pdf_file()
        )

        assert response.status_code == 302
        complaint = Complaint.objects.get()
        assert sorted((a.original_name, a.kind) for a in complaint.attachments.all()) == sorted(
            [("現場.jpg", "jpeg"), ("特寫.png", "png"), ("invoice.pdf", "pdf")]
        )
        assert len(stored_files()) == 3

    def test_a_complaint_without_evidence_is_fine(self, send_with):
        assert send_with().status_code == 302
        assert Complaint.objects.get().attachments.count() == 0


class TestRefusedEvidence:
    def test_a_file_over_the_size_limit(self, settings, send_with, field_block):
        settings.UPLOAD_MAX_BYTES = 1_000
        big = image_file("big.png", size=(400, 400), image_format="PNG")
        assert big.size > 1_000

        response = send_with(big)

        assert response.status_code == 400
        assert "“big.png” is" in evidence_errors(field_block, response)
        assert "files may be at most 1000" in evidence_errors(field_block, response)
        assert_nothing_stored()

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("notes.txt", b"just some text", content_type="text/plain"),
            SimpleUploadedFile("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
            SimpleUploadedFile("report.docx", b"PK\x03\x04" + b"\x00" * 40, "application/msword"),
        ],
        ids=["text", "gif", "word"],
    )
    def test_a_file_of_the_wrong_type(self, send_with, field_block, upload):
        response = send_with(upload)

        assert response.status_code == 400
        assert f"“{upload.name}” is not an accepted file" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_a_file_named_jpg_whose_content_is_html(self, send_with, field_block):
        response = send_with(html_as_jpg("photo.jpg"))

        assert response.status_code == 400
        assert "“photo.jpg” is not an accepted file" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_a_pdf_renamed_to_jpg(self, send_with, field_block):
        response = send_with(pdf_file("photo.jpg"))

        assert response.status_code == 400
        assert "is not an accepted file" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_an_image_of_absurd_pixel_dimensions(self, send_with, field_block):
        response = send_with(huge_image_file("huge.png", side=8_000))

        assert response.status_code == 400
        assert "is 8000 × 8000 pixels" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_a_decompression_bomb_is_not_even_opened(self, send_with, field_block):
        response = send_with(huge_image_file("bomb.png", side=100_000))

        assert response.status_code == 400
        assert "“bomb.png” could not be read as an image" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_a_broken_image(self, send_with, field_block):
        broken = SimpleUploadedFile("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg")

        response = send_with(broken)

        assert response.status_code == 400
        assert "could not be read as an image" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_more_than_five_files(self, send_with, field_block):
        response = send_with(*[image_file(f"photo{i}.jpg") for i in range(6)])

        assert response.status_code == 400
        assert "at most 5 files" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_one_bad_file_among_good_ones_keeps_nothing(self, send_with, field_block):
        response = send_with(image_file("good.jpg"), pdf_file(), html_as_jpg("bad.jpg"))

        assert response.status_code == 400
        assert "“bad.jpg” is not an accepted file" in evidence_errors(field_block, response)
        assert_nothing_stored()

    def test_another_field_wrong_keeps_the_files_out_too(self, send, complaint_page):
        response = send(
            {**ComplaintMessageFactory(description=""), "evidence": [image_file()]},
            url=COMPLAINT_URL,
        )

        assert response.status_code == 400
        assert_nothing_stored()

    def test_a_failure_after_the_files_were_written_removes_them(self, send_with, monkeypatch):
        from workflows.complaints.services import intake

        def fail(*args, **kwargs):
            raise RuntimeError("mail server exploded")

        monkeypatch.setattr(intake, "tell_complainant", fail)

        with pytest.raises(RuntimeError):
            send_with(image_file(), pdf_file())

        assert_nothing_stored()
