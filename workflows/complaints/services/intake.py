"""Receiving complaints (P9.1, P9.2): from the public form, or recorded by Customer Service."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.records import create_record
from workflows.core.services import log_event
from workflows.core.uploads import validate_upload

from ..choices import ComplaintChannel
from ..exceptions import ComplaintInvalid
from ..models import Complaint, ComplaintAttachment
from ..models.attachments import EVIDENCE_KINDS, MAX_ATTACHMENTS
from .messages import start_emergency_procedure, tell_complainant


def check_contact(phone, email):
    if not (phone or "").strip() and not (email or "").strip():
        raise ComplaintInvalid(
            {"phone": _("Give a phone number or an email address, so that we can reply.")},
            code="no_contact",
        )


def check_evidence(files, already=0):
    """Every file must be a photo or a PDF by its content, within the limits; a few at most."""
    if already + len(files) > MAX_ATTACHMENTS:
        raise ComplaintInvalid(
            {
                "evidence": _("Send at most %(count)s files with a complaint.")
                % {"count": MAX_ATTACHMENTS}
            },
            code="too_many_files",
        )
    kinds = []
    for upload in files:
        try:
            kinds.append(validate_upload(upload, kinds=EVIDENCE_KINDS))
        except ValidationError as exc:
            raise ComplaintInvalid({"evidence": exc.messages}, code=exc.code) from None
    return kinds


def _store_files(complaint, files, kinds, stored):
    for upload, kind in zip(files, kinds, strict=True):
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=(upload.name or "")[-200:],
            kind=kind,
            size=upload.size,
        )
        upload.seek(0)
        attachment.file.save(upload.name or kind, upload, save=False)
        stored.append(attachment.file.name)
        attachment.save()


def _forget_files(stored):
    storage = ComplaintAttachment._meta.get_field("file").storage
    for name in stored:
        storage.delete(name)


def _file(complaint, files, *, user, unique_by=None):
    """Number the complaint, keep its evidence, acknowledge it; all or nothing.

    Files are written last, inside the creating transaction; if anything
    fails, the rows roll back and the files already written are deleted, so an
    error leaves nothing behind.
    """
    kinds = check_evidence(files)
    # The first deadline always comes from the settings (normal or urgent), from receipt.
    complaint.due_at = None
    if complaint.urgent:
        complaint.urgent_since = timezone.now()
    stored = []

    def acknowledge(created):
        _store_files(created, files, kinds, stored)
        tell_complainant(created, "acknowledgement", "acknowledgement")
        if created.urgent:
            start_emergency_procedure(created)

    try:
        return create_record(complaint, user=user, acknowledge=acknowledge, unique_by=unique_by)
    except BaseException:
        _forget_files(stored)
        raise


@command(model=Complaint, public=True, creates=True)
def receive_complaint(
    *,
    complainant_name,
    category,
    description,
    phone="",
    email="",
    company="",
    matter_reference="",
    urgent=False,
    evidence=(),
    language=None,
    submission_token=None,
):
    """A complaint filed on the website's complaint page (P9.1 online platform, P9.2).

    Sending the same form twice returns the complaint the first submission
    created, acknowledged once.
    """
    check_contact(phone, email)
    complaint = Complaint(
        channel=ComplaintChannel.WEBSITE,
        complainant_name=complainant_name,
        company=company,
        phone=phone,
        email=email,
        category=category,
        description=description,
        matter_reference=matter_reference,
        urgent=urgent,
        language=language or Complaint._meta.get_field("language").default,
        submission_token=submission_token,
    )
    return _file(complaint, list(evidence), user=None, unique_by="submission_token")


@command(model=Complaint, permission="complaints.add_complaint", creates=True)
def record_complaint(complaint, *, user, evidence=()):
    """Customer Service records a complaint received by phone, mailbox, letter or visit (P9.2)."""
    check_contact(complaint.phone, complaint.email)
    complaint.recorded_by = user
    return _file(complaint, list(evidence), user=user)


@command(model=Complaint, permission="complaints.change_complaint")
def add_evidence(complaint, *, user, evidence):
    """More evidence for an open complaint, checked like the first."""
    evidence = list(evidence)
    if not evidence:
        return []
    kinds = check_evidence(evidence, already=complaint.attachments.count())
    stored = []
    try:
        with transaction.atomic():
            _store_files(complaint, evidence, kinds, stored)
            log_event(
                complaint,
                "complaints.add_evidence",
                user=user,
                note=", ".join(upload.name or "" for upload in evidence),
            )
    except BaseException:
        _forget_files(stored)
        raise
    return stored


def submitted_complaint(submission_token):
    """The complaint a public form submission created, if it was sent before."""
    return Complaint.objects.filter(submission_token=submission_token).first()
