"""Customer follow-up (P4.4): Customer Service contacts each customer with an active
lease on a schedule, records what they said, and routes what needs routing."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord, ProcessRecordQuerySet, ServiceLevelSettings
from workflows.core.roles import CUSTOMER_SERVICE

from .choices import FollowUpMethod
from .choices import FollowUpState as S

HANDLE = "followups.handle_followup"
ADD = "followups.add_followup"


def _filled(value):
    return bool((value or "").strip())


def is_recorded(follow_up):
    """A follow-up is done once it says how, whom and what the customer said (P4.4)."""
    return (
        bool(follow_up.method)
        and _filled(follow_up.contacted_person)
        and _filled(follow_up.feedback)
    )


is_recorded.message = _("Say how the customer was contacted, whom you spoke to and what they said.")


def has_skip_reason(follow_up):
    """A follow-up is skipped only with a reason (the customer asked not to be called...)."""
    return _filled(follow_up.skip_reason)


has_skip_reason.message = _("Say why this follow-up is skipped.")


def customer_service_lead():
    """The Customer Service lead set in the service levels, or None."""
    return ServiceLevelSettings.load().customer_service_lead


class FollowUpQuerySet(ProcessRecordQuerySet):
    def open(self):
        # Open follow-ups are listed by their customer's name (work queue, overdue report).
        return super().open().select_related("customer")


class FollowUp(ProcessRecord):
    """One scheduled contact with a customer about one active lease contract (P4.4)."""

    FINAL_STATES = (S.DONE, S.SKIPPED)
    REFERENCE_PREFIX = "F"
    DATE_FIELD = "scheduled_for"
    #: Past its deadline, the Customer Service lead hears of it, or else every member.
    escalation = Escalation(
        roles=(CUSTOMER_SERVICE,),
        lead=customer_service_lead,
        note=_("follow-up deadline passed"),
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(_("state"), max_length=20, choices=S.choices, default=S.DUE, protected=True)
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("lease contract"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
        editable=False,
    )
    scheduled_for = models.DateField(_("due on"), default=timezone.localdate)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups_assigned",
        help_text=_("Empty: anyone in Customer Service takes it."),
    )

    method = models.CharField(
        _("method"), max_length=10, choices=FollowUpMethod.choices, blank=True, editable=False
    )
    contacted_person = models.CharField(
        _("who was contacted"), max_length=150, blank=True, editable=False
    )
    feedback = models.TextField(_("the customer's feedback"), blank=True, editable=False)
    needs = models.TextField(_("needs"), blank=True, editable=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    skip_reason = models.TextField(_("reason for skipping"), blank=True, editable=False)

    opened_consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("consultation opened for Sales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        editable=False,
    )
    opened_suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        verbose_name=_("suggestion opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        editable=False,
    )
    opened_complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        editable=False,
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-scheduled_for", "-pk"]
        permissions = [("handle_followup", _("Can record, skip and route customer follow-ups"))]
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(state="due"),
                name="followup_one_open_per_contract",
                violation_error_message=_("This contract already has a follow-up due."),
            ),
            models.CheckConstraint(
                condition=~models.Q(state="done")
                | (~models.Q(method="") & models.Q(done_at__isnull=False)),
                name="followup_done_says_how_and_when",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["contract", "scheduled_for"]),
        ]

    def __str__(self):
        if self.customer_id is None:  # a new follow-up, before its contract is checked
            return self.reference or str(_("new follow-up"))
        return f"{self.reference} {self.customer.name}"

    def deadline_for(self, state):
        if state != S.DUE:
            return None
        days = FollowUpSettings.load().complete_within_days
        last_day = self.scheduled_for + timedelta(days=days)
        return timezone.make_aware(datetime.combine(last_day, time(23, 59, 59))) - timezone.now()

    @classmethod
    def waiting_for(cls, user):
        return super().waiting_for(user).select_related("customer")

    # Transitions change the state only; the services do everything else.

    @transition(
        field=state,
        source=S.DUE,
        target=S.DONE,
        permission=HANDLE,
        conditions=[is_recorded],
        custom={"label": _("Record the follow-up"), "style": "primary"},
    )
    def record(self):
        pass

    record.alters_data = True

    @transition(
        field=state,
        source=S.DUE,
        target=S.SKIPPED,
        permission=HANDLE,
        conditions=[has_skip_reason],
        custom={"label": _("Skip"), "style": "danger"},
    )
    def skip(self):
        pass

    skip.alters_data = True


@register_setting(icon="calendar")
class FollowUpSettings(BaseGenericSetting):
    """How often Customer Service contacts each customer with an active lease (P4.4)."""

    interval_days = models.PositiveIntegerField(
        _("contact each customer every (days)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Counted from the start of the lease, then from the last follow-up's due date."
        ),
    )
    complete_within_days = models.PositiveIntegerField(
        _("a follow-up is done within (days)"), default=3
    )

    class Meta:
        verbose_name = _("follow-up schedule")
        verbose_name_plural = _("follow-up schedule")
