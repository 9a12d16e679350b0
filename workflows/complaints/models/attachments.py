"""Evidence sent with a complaint: photos and PDF documents, checked by content (P9.2)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.core.private_files import private_storage

#: At most this many files come with one complaint from the public form.
MAX_ATTACHMENTS = 5
#: What evidence may be: photos and PDF (workflows.core.uploads kinds).
EVIDENCE_KINDS = ("jpeg", "png", "webp", "pdf")
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "pdf": "pdf"}
CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
}


def evidence_path(attachment, filename):
    """A random name under complaints/: the visitor's file name never reaches the disk."""
    now = timezone.now()
    return f"complaints/{now:%Y/%m}/{uuid.uuid4().hex}.{EXTENSIONS[attachment.kind]}"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=evidence_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]

    @property
    def is_image(self):
        return self.kind != "pdf"
