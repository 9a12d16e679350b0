"""Complaints (P9.1-P9.6): from intake to the complainant's rating and the root cause."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition
from wagtail.search import index

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.roles import SUPERVISION
from workflows.core.tracking import PubliclyTracked

from .. import access
from ..choices import (
    Compensation,
    ComplaintCategory,
    ComplaintChannel,
    ContactMethod,
    Department,
    RootCause,
)
from ..choices import ComplaintState as S
from .conditions import (
    has_assignee,
    has_explanation,
    has_plan,
    has_resolution,
    has_result_message,
    has_root_cause,
    not_urgent_yet,
    within_reopen_window,
)
from .settings import ComplaintSettings

OPEN_STATES = [S.RECEIVED, S.INVESTIGATING, S.PLAN_AGREED, S.RESOLVED, S.RESULT_COMMUNICATED]

#: What the complainant reads on the tracking page: internal steps are not shown apart.
PUBLIC_STAGES = {
    S.RECEIVED: _("Received"),
    S.INVESTIGATING: _("Being investigated"),
    S.PLAN_AGREED: _("Solution being carried out"),
    S.RESOLVED: _("Solution being carried out"),
    S.RESULT_COMMUNICATED: _("Result sent to you"),
    S.CLOSED: _("Closed"),
}


class Complaint(index.Indexed, PubliclyTracked, ProcessRecord):
    """One complaint, from intake to closing and the complainant's rating (P9.1-P9.6)."""

    FINAL_STATES = (S.CLOSED,)
    REFERENCE_PREFIX = "K"
    DATE_FIELD = "received_at"
    #: Past its deadline in any open state, a complaint is escalated to every
    #: Supervision member (P7.1, P9.2-P9.5).
    escalation = Escalation(roles=(SUPERVISION,), note=_("deadline passed; Supervision told"))

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"), max_length=20, choices=S.choices, default=S.RECEIVED, protected=True
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=20, choices=ComplaintChannel.choices)
    complainant_name = models.CharField(_("complainant"), max_length=100)
    company = models.CharField(_("company"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        help_text=_("When the complainant is a customer of record."),
    )
    category = models.CharField(_("category"), max_length=20, choices=ComplaintCategory.choices)
    description = models.TextField(_("what happened"), max_length=4000)
    matter_reference = models.CharField(
        _("contract or equipment (as given)"),
        max_length=100,
        blank=True,
        help_text=_("The contract or asset number in the complainant's words."),
    )
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("equipment unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_(
            "Starts the emergency procedure: Supervision and Management are told at once "
            "and the short deadlines apply."
        ),
    )
    urgent_since = models.DateTimeField(_("urgent since"), null=True, blank=True, editable=False)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_recorded",
        editable=False,
    )

    # Investigation (P9.3)
    department = models.CharField(
        _("department"), max_length=20, choices=Department.choices, blank=True, editable=False
    )
    investigator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("investigator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_investigated",
        editable=False,
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True, editable=False)
    #: Internal only (P7.2: people with repeated complaints are examined); the complainant's
    #: tracking page and messages never name staff.
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member complained about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_about",
        editable=False,
        help_text=_("The employee the complaint is about, if it names one."),
    )

    # Handling plan (P9.4)
    measures = models.TextField(_("measures"), blank=True, editable=False)
    plan_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("plan owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaint_plans_owned",
        editable=False,
    )
    plan_deadline = models.DateTimeField(_("plan deadline"), null=True, blank=True, editable=False)
    compensation = models.CharField(
        _("compensation"),
        max_length=20,
        choices=Compensation.choices,
        default=Compensation.NONE,
        editable=False,
    )
    plan_agreed_at = models.DateTimeField(
        _("plan agreed at"), null=True, blank=True, editable=False
    )

    # Result (P9.5)
    resolution = models.TextField(_("resolution"), blank=True, editable=False)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, editable=False)
    result_message = models.TextField(
        _("result told to the complainant"), blank=True, editable=False
    )
    communicated_at = models.DateTimeField(
        _("result told at"), null=True, blank=True, editable=False
    )
    communicated_via = models.CharField(
        pgettext_lazy("channel", "result told by"),
        max_length=10,
        choices=ContactMethod.choices,
        blank=True,
        editable=False,
    )
    explanation = models.TextField(
        _("explanation (unreasonable demand)"), blank=True, editable=False
    )

    # Closing and analysis (P9.6)
    root_cause = models.CharField(
        _("root cause"), max_length=20, choices=RootCause.choices, blank=True, editable=False
    )
    root_cause_detail = models.TextField(_("root cause (details)"), blank=True, editable=False)
    corrective_action = models.TextField(_("corrective action"), blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    reopened_count = models.PositiveSmallIntegerField(
        _("times reopened"), default=0, editable=False
    )
    deadlines_missed = models.PositiveSmallIntegerField(
        _("deadlines missed"),
        default=0,
        editable=False,
        help_text=_("States left after their deadline."),
    )

    # The complainant's rating (P9.5)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1-5)"), null=True, blank=True, editable=False
    )
    rating_comment = models.TextField(_("rating comment"), blank=True, editable=False)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True, editable=False)

    search_fields = [
        index.SearchField("reference"),
        index.SearchField("complainant_name"),
        index.SearchField("company"),
        index.SearchField("description"),
        index.SearchField("phone"),
        index.SearchField("email"),
        index.AutocompleteField("complainant_name"),
        index.FilterField("state"),
        index.FilterField("department"),
        index.FilterField("investigator_id"),
        index.FilterField("plan_owner_id"),
    ]

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        permissions = [
            (
                "handle_complaint",
                _("Can record, assign, tell the result, close and reopen complaints"),
            ),
            (
                "investigate_complaint",
                _("Can investigate complaints of their department and record plan and result"),
            ),
            ("view_all_complaints", _("Can see the complaints of every department")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="", email=""), name="complaint_has_a_way_to_reply"
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=OPEN_STATES[1:])
                | (~Q(department="") & Q(investigator__isnull=False)),
                name="complaint_under_way_is_assigned",
            ),
            models.CheckConstraint(
                condition=~Q(state=S.CLOSED) | (~Q(root_cause="") & ~Q(corrective_action="")),
                name="complaint_closed_names_cause_and_action",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.complainant_name}"

    def clean(self):
        """We must be able to tell the complainant what happens (P9.2, P9.3)."""
        super().clean()
        if not (self.phone or "").strip() and not (self.email or "").strip():
            raise ValidationError(
                {"phone": _("Give a phone number or an email address, so that we can reply.")},
                code="no_contact",
            )

    def deadline_for(self, state):
        return ComplaintSettings.load().limit(state, urgent=self.urgent)

    @classmethod
    def public_stage_label(cls, state):
        if state in PUBLIC_STAGES:
            return str(PUBLIC_STAGES[state])
        return super().public_stage_label(state)

    def public_extra(self, request):
        if self.state == S.CLOSED and self.satisfaction is None:
            return {"rating_url": self.get_rating_url()}
        return {}

    def get_rating_url(self):
        return reverse("rate", args=[self.tracking_token])

    @property
    def rated(self):
        return self.satisfaction is not None

    @classmethod
    def visible_to(cls, user, queryset):
        """A department sees its own complaints only, in the overdue report too."""
        return access.visible_complaints(user, queryset)

    @classmethod
    def waiting_for(cls, user):
        """Customer Service: what to assign, tell and close; a department: what it investigates."""
        queryset = cls.objects.none()
        if user.is_superuser or user.has_perm(access.HANDLE):
            queryset = cls.objects.filter(state__in=[S.RECEIVED, S.RESOLVED, S.RESULT_COMMUNICATED])
        if user.is_superuser or user.has_perm(access.INVESTIGATE):
            mine = Q(department__in=access.departments_of(user)) | Q(investigator=user)
            queryset = (
                queryset
                | cls.objects.filter(mine, state=S.INVESTIGATING)
                | cls.objects.filter(mine | Q(plan_owner=user), state=S.PLAN_AGREED)
            )
        return queryset

    # Transitions change the state only; the services do everything else.

    @transition(
        field=state,
        source=S.RECEIVED,
        target=S.INVESTIGATING,
        permission=access.HANDLE,
        conditions=[has_assignee],
        custom={"label": _("Assign"), "style": "primary"},
    )
    def assign(self):
        pass

    assign.alters_data = True

    @transition(
        field=state,
        source=S.INVESTIGATING,
        target=S.PLAN_AGREED,
        permission=access.may_investigate,
        conditions=[has_plan],
        custom={"label": _("Agree a plan"), "style": "primary"},
    )
    def agree_plan(self):
        pass

    agree_plan.alters_data = True

    @transition(
        field=state,
        source=S.PLAN_AGREED,
        target=S.RESOLVED,
        permission=access.may_carry_out,
        conditions=[has_resolution],
        custom={"label": _("Record the resolution"), "style": "primary"},
    )
    def resolve(self):
        pass

    resolve.alters_data = True

    @transition(
        field=state,
        source=S.RESOLVED,
        target=S.RESULT_COMMUNICATED,
        permission=access.HANDLE,
        conditions=[has_result_message],
        custom={"label": _("Tell the result"), "style": "primary"},
    )
    def communicate_result(self):
        pass

    communicate_result.alters_data = True

    @transition(
        field=state,
        source=S.RESULT_COMMUNICATED,
        target=S.CLOSED,
        permission=access.HANDLE,
        conditions=[has_root_cause],
        custom={"label": _("Close"), "style": "primary"},
    )
    def close(self):
        pass

    close.alters_data = True

    @transition(
        field=state,
        source=[S.RECEIVED, S.INVESTIGATING],
        target=S.CLOSED,
        permission=access.may_handle_or_investigate,
        conditions=[has_explanation, has_root_cause],
        custom={"label": _("Explain and close"), "style": "danger"},
    )
    def explain_and_close(self):
        pass

    explain_and_close.alters_data = True

    @transition(
        field=state,
        source=S.CLOSED,
        target=S.INVESTIGATING,
        permission=access.HANDLE,
        conditions=[within_reopen_window, has_assignee],
        custom={"label": _("Reopen")},
    )
    def reopen(self):
        pass

    reopen.alters_data = True

    @transition(
        field=state,
        source=OPEN_STATES,
        target=None,
        permission=access.may_handle_or_investigate,
        conditions=[not_urgent_yet],
        custom={"label": _("Mark as urgent"), "style": "danger"},
    )
    def mark_urgent(self):
        pass

    mark_urgent.alters_data = True
