"""Receiving suggestions: from customers on the website or through Customer Service,
and from employees in the admin (P9.7)."""

import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from workflows.core.choices import MessageChannel
from workflows.core.notifications import queue_message

from ..choices import SuggestionSource
from ..choices import SuggestionState as S
from ..exceptions import SuggestionInvalid
from ..models import Suggestion
from .messages import tracking_link


def _provisional_reference():
    # Replaced by the pk-based reference inside the same transaction.
    return f"new-{uuid.uuid4().hex[:16]}"


def _assign_reference(suggestion):
    stamp = timezone.localtime(suggestion.received_at)
    suggestion.reference = f"S{stamp:%y%m}-{suggestion.pk:06d}"
    Suggestion.objects.filter(pk=suggestion.pk).update(reference=suggestion.reference)


def _start_deadline(suggestion):
    suggestion.due_at = suggestion.received_at + suggestion.deadline_for(S.RECEIVED)


@transaction.atomic
def receive_customer_suggestion(
    *,
    proposer_name,
    subject,
    description,
    email="",
    phone="",
    company="",
    category="",
    language=None,
    submission_token=None,
    customer=None,
    recorded_by=None,
):
    """A customer's suggestion, sent on the website or taken down by Customer Service.

    Stored as received and acknowledged with its reference and private
    tracking link. The same form sent twice returns the first suggestion and
    acknowledges it once.
    """
    if not (proposer_name or "").strip():
        raise SuggestionInvalid(_("Give the proposer's name."), code="no_name")
    if not (phone or "").strip() and not (email or "").strip():
        raise SuggestionInvalid(
            _("Give a phone number or an email address, so that we can reply."),
            code="no_contact",
        )
    if submission_token is not None:
        existing = Suggestion.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    suggestion = Suggestion(
        source=SuggestionSource.CUSTOMER,
        proposer_name=proposer_name.strip(),
        proposer_company=company,
        proposer_email=email,
        proposer_phone=phone,
        customer=customer,
        subject=subject,
        description=description,
        category=category or "",
        language=language or settings.LANGUAGE_CODE,
        submission_token=submission_token,
        reference=_provisional_reference(),
    )
    _start_deadline(suggestion)
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        if submission_token is None:
            raise
        # The same submission arrived twice at once; the first one won.
        return Suggestion.objects.get(submission_token=submission_token)
    _assign_reference(suggestion)
    log(suggestion, "wagtail.create", user=recorded_by)
    _acknowledge(suggestion)
    return suggestion


@transaction.atomic
def file_employee_suggestion(suggestion, *, user):
    """An employee files a suggestion in the admin (P9.7, P7.1).

    When they stay anonymous to the assessors, the History does not name them
    either: the entry that records the filing has no user.
    """
    suggestion.source = SuggestionSource.EMPLOYEE
    suggestion.proposer = user
    suggestion.proposer_name = ""
    suggestion.proposer_company = ""
    suggestion.proposer_email = ""
    suggestion.proposer_phone = ""
    language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "")
    suggestion.language = language or settings.LANGUAGE_CODE
    suggestion.reference = _provisional_reference()
    _start_deadline(suggestion)
    suggestion.full_clean(exclude=["reference", "tracking_token"])
    suggestion.save()
    _assign_reference(suggestion)
    log(
        suggestion,
        "wagtail.create",
        user=None if suggestion.anonymous_to_assessors else user,
    )
    return suggestion


def _acknowledge(suggestion):
    context = {"suggestion": suggestion, "tracking_link": tracking_link(suggestion)}
    if suggestion.proposer_email:
        channel, template, address = (
            MessageChannel.EMAIL,
            "suggestions/acknowledgement",
            suggestion.proposer_email,
        )
    else:
        channel, template, address = (
            MessageChannel.SMS,
            "suggestions/acknowledgement_sms",
            suggestion.proposer_phone,
        )
    queue_message(
        channel=channel,
        template=template,
        context=context,
        record=suggestion,
        address=address,
        name=suggestion.proposer_name,
        language=suggestion.language,
        dedupe_key=f"suggestion:{suggestion.pk}:acknowledgement",
    )


def submitted_suggestion(submission_token):
    """The suggestion a public form submission created, if it was sent before."""
    return Suggestion.objects.filter(submission_token=submission_token).first()
