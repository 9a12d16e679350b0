"""Sending, reminding and answering satisfaction surveys (P7.2)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command
from workflows.core.notifications import queue_message
from workflows.core.services import log_event, log_events

from ..choices import DIMENSIONS, SurveyOccasion
from ..exceptions import SurveyNotAccepted
from ..models import QualitySettings, Survey


def _absolute(path):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path


def _ask(survey, template, key):
    """One message to the customer, by email when there is an address, otherwise by SMS."""
    if not survey.email and not survey.phone:
        return None
    channel = MessageChannel.EMAIL if survey.email else MessageChannel.SMS
    return queue_message(
        channel=channel,
        template=f"quality/{template}" + ("" if survey.email else "_sms"),
        context={"survey": survey, "survey_url": _absolute(survey.get_public_url())},
        dedupe_key=key,
        record=survey,
        address=survey.email or survey.phone,
        name=survey.name,
        language=survey.language,
    )


@command(model=Survey, public=True, creates=True)
def send_survey(survey):
    """Store the survey and ask the customer, once per occasion (`occasion_key` is unique).

    Public: a periodic job or another process's command asks, never a person.
    Returns the survey already sent for the same occasion, untouched.
    """
    existing = Survey.objects.filter(occasion_key=survey.occasion_key).first()
    if existing is not None:
        return existing
    survey.sent_at = timezone.now()
    survey.full_clean(exclude=["token"])
    survey.save()
    log_event(survey, "quality.send_survey", note=survey.get_occasion_display())
    _ask(survey, "survey", f"quality.survey:{survey.pk}")
    return survey


def survey_after_delivery(record, *, customer, employee=None, department="", language=None):
    """Ask the customer about a delivery they accepted (P3, P7.2).

    For the delivery process to call in its acceptance command: `record` is the
    handover, `employee` the person who delivered. Asked once per handover.
    """
    survey = Survey(
        occasion=SurveyOccasion.DELIVERY_ACCEPTED,
        occasion_key=f"delivery:{record._meta.label_lower}:{record.pk}",
        customer=customer,
        name=customer.name,
        email=customer.email,
        phone=customer.phone,
        language=language or settings.LANGUAGE_CODE,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        source_label=str(record)[:100],
        employee=employee,
        department=department,
    )
    return send_survey(survey)


@command(model=Survey, public=True)
def answer_survey(survey, *, comment="", **scores):
    """Store the customer's answer: each dimension 1-5 and a comment; once only.

    Public: the customer answers through the private link, without an account;
    no staff member answers in their place. One conditional update, so two tabs
    sending at once store one answer.
    """
    errors = {}
    for name, _label in DIMENSIONS:
        if scores.get(name) not in range(1, 6):
            errors[name] = _("Choose from 1 to 5.")
    if errors:
        raise SurveyNotAccepted(errors, code="score_out_of_range")
    comment = (comment or "").strip()[:2000]
    updated = Survey.objects.filter(pk=survey.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(),
        comment=comment,
        **{name: scores[name] for name, _label in DIMENSIONS},
    )
    if not updated:
        raise SurveyNotAccepted(
            _("This survey has already been answered. Thank you."), code="already_answered"
        )
    survey = Survey.objects.get(pk=survey.pk)
    note = ", ".join(f"{name} {scores[name]}" for name, _label in DIMENSIONS)
    log_event(survey, "quality.answer_survey", note=note + (f": {comment}" if comment else ""))
    return survey


def remind_unanswered(*, now=None):
    """One reminder per unanswered survey, `reminder_after_days` after it was sent.

    Set-based: the surveys are claimed with one conditional update, so a second
    run (or a second host) finds none left to remind.
    """
    now = now or timezone.now()
    days = QualitySettings.load().reminder_after_days
    due = Survey.objects.filter(
        reminded_at__isnull=True, answered_at__isnull=True, sent_at__lte=now - timedelta(days=days)
    )
    with transaction.atomic():
        ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True))
        if not ids:
            return 0
        Survey.objects.filter(pk__in=ids, reminded_at__isnull=True).update(reminded_at=now)
        surveys = list(Survey.objects.filter(pk__in=ids))
        for survey in surveys:
            _ask(survey, "survey_reminder", f"quality.survey-reminder:{survey.pk}")
        log_events(surveys, "quality.remind_survey")
    return len(ids)


def survey_closed_complaints(*, now=None):
    """Ask every complainant whose complaint was closed recently and not yet surveyed."""
    from workflows.complaints.choices import ComplaintState
    from workflows.complaints.models import Complaint

    now = now or timezone.now()
    since = now - timedelta(days=QualitySettings.load().complaint_survey_since_days)
    complaint_type = ContentType.objects.get_for_model(Complaint)
    asked = Survey.objects.filter(
        occasion=SurveyOccasion.COMPLAINT_CLOSED,
        content_type=complaint_type,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    complaints = (
        Complaint.objects.filter(state=ComplaintState.CLOSED, closed_at__gte=since)
        .filter(~Q(email="") | ~Q(phone=""))
        .exclude(Exists(asked))
        .order_by("pk")
    )
    sent = 0
    for complaint in complaints:
        send_survey(_complaint_survey(complaint, complaint_type))
        sent += 1
    return sent


def _complaint_survey(complaint, complaint_type):
    return Survey(
        occasion=SurveyOccasion.COMPLAINT_CLOSED,
        occasion_key=f"complaint:{complaint.pk}",
        customer_id=complaint.customer_id,
        name=complaint.complainant_name,
        email=complaint.email,
        phone=complaint.phone,
        language=complaint.language,
        content_type=complaint_type,
        object_id=str(complaint.pk),
        source_label=complaint.reference,
        employee_id=complaint.investigator_id,
        department=complaint.department,
    )


def survey_after_complaint(complaint):
    """Ask the complainant how their complaint was handled, once it is closed (P7.2, P9.5).

    For the complaint process to call when its closing command commits
    (`transaction.on_commit`): a complaint closed again after reopening is not asked
    twice (`occasion_key`), and one without an address is not asked. Whatever is
    missed here (an error after the commit) the periodic job asks later.
    """
    from workflows.complaints.choices import ComplaintState
    from workflows.complaints.models import Complaint

    complaint = Complaint.objects.filter(pk=getattr(complaint, "pk", complaint)).first()
    if complaint is None or complaint.state != ComplaintState.CLOSED:
        return None
    if not complaint.email and not complaint.phone:
        return None
    return send_survey(_complaint_survey(complaint, ContentType.objects.get_for_model(Complaint)))


def survey_active_customers(*, now=None):
    """Ask every customer with a lease running today, every `periodic_survey_days` (P7.2)."""
    from workflows.customers.models import Customer
    from workflows.leasing.choices import ContractState
    from workflows.leasing.models import Contract

    now = now or timezone.now()
    days = QualitySettings.load().periodic_survey_days
    if not days:
        return 0
    today = timezone.localdate(now)
    running = Contract.objects.filter(
        customer=OuterRef("pk"),
        state=ContractState.SIGNED,
        period_start__lte=today,
        period_end__gte=today,
    )
    latest = running.order_by("-signed_at")
    recently_asked = Survey.objects.filter(
        customer=OuterRef("pk"),
        occasion=SurveyOccasion.PERIODIC,
        sent_at__gt=now - timedelta(days=days),
    )
    customers = (
        Customer.objects.filter(Exists(running))
        .exclude(Exists(recently_asked))
        .filter(~Q(email="") | ~Q(phone=""))
        .annotate(
            contract_language=Subquery(latest.values("language")[:1]),
            salesperson_id=Subquery(latest.values("drafted_by")[:1]),
        )
        .order_by("pk")
    )
    sent = 0
    for customer in customers:
        send_survey(
            Survey(
                occasion=SurveyOccasion.PERIODIC,
                occasion_key=f"periodic:{customer.pk}:{today.isoformat()}",
                customer=customer,
                name=customer.name,
                email=customer.email,
                phone=customer.phone,
                language=customer.contract_language or settings.LANGUAGE_CODE,
                employee_id=customer.salesperson_id,
                department="sales",
                source_label=customer.name[:100],
            )
        )
        sent += 1
    return sent
