"""Receiving suggestions: from customers on the website or through Customer Service,
and from employees in the admin (P9.7)."""

from django.conf import settings
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command
from workflows.core.notifications import queue_message
from workflows.core.records import create_record

from ..choices import SuggestionSource
from ..exceptions import SuggestionInvalid
from ..models import Suggestion
from .messages import tracking_link


@command(model=Suggestion, public=True, creates=True)
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

    Stored as received, numbered "S" + the month received, and acknowledged with
    its reference and private tracking link. The same form sent twice returns the
    first suggestion and acknowledges it once. `recorded_by` is the employee who
    took it down (a follow-up call), named in the History.
    """
    if not (proposer_name or "").strip():
        raise SuggestionInvalid(_("Give the proposer's name."), code="no_name")
    if not (phone or "").strip() and not (email or "").strip():
        raise SuggestionInvalid(
            _("Give a phone number or an email address, so that we can reply."),
            code="no_contact",
        )
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
    )
    return create_record(
        suggestion,
        user=recorded_by,
        acknowledge=_acknowledge,
        unique_by="submission_token",
    )


@command(model=Suggestion, permission="suggestions.add_suggestion", creates=True)
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
    suggestion.full_clean(exclude=["reference", "tracking_token"])
    return create_record(
        suggestion,
        user=user,
        history_user=None if suggestion.anonymous_to_assessors else user,
    )


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
