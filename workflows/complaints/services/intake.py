"""Receiving complaints (P9.1, P9.2): from the public form, or recorded by Customer Service."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from workflows.core.services import log_event
from workflows.core.uploads import validate_upload

from ..choices import ComplaintChannel
from ..choices import ComplaintState as S
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


def _assign_reference(complaint):
    stamp = timezone.localtime(complaint.received_at)
    complaint.reference = f"K{stamp:%y%m}-{complaint.pk:06d}"
    Complaint.objects.filter(pk=complaint.pk).update(reference=complaint.reference)


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
    for name in stored:
        default_storage.delete(name)


def _file(complaint, files, *, user):
    """Number the complaint, keep its evidence, acknowledge it; all or nothing.

    Files are written last; if anything fails, the rows roll back and the
    files already written are deleted, so an error leaves nothing behind.
    """
    kinds = check_evidence(files)
    stored = []
    try:
        with transaction.atomic():
            now = timezone.now()
            complaint.reference = f"new-{uuid.uuid4().hex[:16]}"
            if complaint.urgent:
                complaint.urgent_since = now
            complaint.due_at = complaint.received_at + complaint.deadline_for(S.RECEIVED)
            complaint.save()
            _assign_reference(complaint)
            log(complaint, "wagtail.create", user=user)
            _store_files(complaint, files, kinds, stored)
            tell_complainant(complaint, "acknowledgement", "acknowledgement")
            if complaint.urgent:
                start_emergency_procedure(complaint)
    except BaseException:
        _forget_files(stored)
        raise
    return complaint


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
    if submission_token is not None:
        existing = submitted_complaint(submission_token)
        if existing is not None:
            return existing
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
    try:
        return _file(complaint, list(evidence), user=None)
    except IntegrityError:
        # The same submission arrived twice at once; the first one won.
        existing = submitted_complaint(submission_token) if submission_token else None
        if existing is None:
            raise
        return existing


def record_complaint(complaint, *, user, evidence=()):
    """Customer Service records a complaint received by phone, mailbox, letter or visit (P9.2)."""
    check_contact(complaint.phone, complaint.email)
    complaint.recorded_by = user
    return _file(complaint, list(evidence), user=user)


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
