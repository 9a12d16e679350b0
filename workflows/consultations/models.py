"""Consultations (P1): every question a customer asks, on any channel, until it is closed."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.search import index

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.roles import CUSTOMER_SERVICE

from .choices import ConsultationState as S

HANDLE = "consultations.handle_consultation"
TAKE_OVER = "consultations.take_over_consultation"


def has_reply(consultation):
    """A consultation is answered only with the answer written down (P1.3)."""
    return bool((consultation.reply or "").strip())


has_reply.message = _("Write the reply that was given.")


def has_salesperson(consultation):
    """Sales takes over from a named salesperson, told what the customer needs (P2.1)."""
    return consultation.salesperson_id is not None and bool((consultation.sales_need or "").strip())


has_salesperson.message = _("Choose the salesperson and say what the customer needs.")


def has_reply_deadline(consultation):
    """A promise without a date is no promise: the deadline must lie ahead."""
    return consultation.reply_due_at is not None and consultation.reply_due_at > timezone.now()


has_reply_deadline.message = _("The promised reply time must lie in the future.")


def customer_service_lead():
    """The lead chosen in the service levels, who stands for Customer Service when set."""
    from workflows.core.models import ServiceLevelSettings

    return ServiceLevelSettings.load().customer_service_lead


class Consultation(index.Indexed, ProcessRecord):
    """One customer question, its channel, and what became of it (P1.2, P1.3, P2.1)."""

    FINAL_STATES = (S.CLOSED,)
    REFERENCE_PREFIX = "C"
    DATE_FIELD = "received_at"
    #: A reply not given (or promised and not kept) in time goes to the Customer Service
    #: lead, or to every Customer Service member when no lead is set (P1.3). Once handed
    #: to Sales, the consultation is Sales' to chase and does not escalate here.
    escalation = Escalation(
        roles=(CUSTOMER_SERVICE,),
        lead=customer_service_lead,
        states=(S.RECEIVED, S.REPLY_PROMISED),
        note=_("reply deadline passed"),
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"), max_length=20, choices=S.choices, default=S.RECEIVED, protected=True
    )
    channel = models.ForeignKey(
        "contact.ConsultationChannel",
        verbose_name=_("channel"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    customer_name = models.CharField(_("customer name"), max_length=100)
    company = models.CharField(_("company"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=150)
    question = models.TextField(_("question"), max_length=4000)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations_handled",
    )
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    reply = models.TextField(_("reply"), blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    reply_due_at = models.DateTimeField(
        _("reply promised by"), null=True, blank=True, editable=False
    )
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations_taken_over",
        editable=False,
    )
    sales_need = models.TextField(_("what the customer needs"), blank=True, editable=False)
    handed_at = models.DateTimeField(_("handed to Sales at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    search_fields = [
        index.SearchField("reference"),
        index.SearchField("customer_name"),
        index.SearchField("company"),
        index.SearchField("subject"),
        index.SearchField("question"),
        index.SearchField("phone"),
        index.SearchField("email"),
        index.AutocompleteField("customer_name"),
        index.FilterField("state"),
    ]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-received_at", "-pk"]
        permissions = [
            ("handle_consultation", _("Can answer, promise, hand over and close consultations")),
            ("take_over_consultation", _("Can take over consultations handed to Sales")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="", email=""),
                name="consultation_has_a_way_to_reply",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="handed_to_sales") | models.Q(salesperson__isnull=False),
                name="consultation_handed_over_names_salesperson",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return f"{self.reference} {self.customer_name}: {self.subject}"

    def clean(self):
        """We must be able to reply (P1.3): a phone number or an email address.

        Named on the phone field, so that forms show it there instead of the
        database constraint's name.
        """
        super().clean()
        if not (self.phone or "").strip() and not (self.email or "").strip():
            raise ValidationError(
                {"phone": _("Give a phone number or an email address, so that we can reply.")},
                code="no_contact",
            )

    def deadline_for(self, state):
        if state == S.RECEIVED:
            return timedelta(hours=self.channel.reply_within_hours)
        if state == S.HANDED_TO_SALES:
            from workflows.core.models import ServiceLevelSettings

            return ServiceLevelSettings.load().sales_contact_delta
        return None

    @property
    def answered_in_time(self):
        if self.reply_due_at is None or self.answered_at is None:
            return None
        return self.answered_at <= self.reply_due_at

    @classmethod
    def waiting_for(cls, user):
        """Customer Service sees open consultations; a salesperson those handed to them."""
        queryset = cls.objects.none()
        if user.is_superuser or user.has_perm(HANDLE):
            queryset = cls.objects.filter(state__in=[S.RECEIVED, S.REPLY_PROMISED, S.ANSWERED])
        if user.has_perm(TAKE_OVER):
            queryset = queryset | cls.objects.filter(state=S.HANDED_TO_SALES, salesperson=user)
        return queryset.select_related("channel")

    # Transitions change the state only; the services do everything else.

    @transition(
        field=state,
        source=[S.RECEIVED, S.REPLY_PROMISED],
        target=S.ANSWERED,
        permission=HANDLE,
        conditions=[has_reply],
        custom={"label": _("Answer"), "style": "primary"},
    )
    def answer(self):
        pass

    answer.alters_data = True

    @transition(
        field=state,
        source=S.RECEIVED,
        target=S.REPLY_PROMISED,
        permission=HANDLE,
        conditions=[has_reply_deadline],
        custom={"label": _("Promise a reply")},
    )
    def promise_reply(self):
        pass

    promise_reply.alters_data = True

    @transition(
        field=state,
        source=[S.RECEIVED, S.REPLY_PROMISED],
        target=S.HANDED_TO_SALES,
        permission=HANDLE,
        conditions=[has_salesperson],
        custom={"label": _("Hand to Sales")},
    )
    def hand_to_sales(self):
        pass

    hand_to_sales.alters_data = True

    @transition(
        field=state,
        source=S.ANSWERED,
        target=S.CLOSED,
        permission=HANDLE,
        custom={"label": _("Close")},
    )
    def close(self):
        pass

    close.alters_data = True

    @transition(
        field=state,
        source=S.HANDED_TO_SALES,
        target=S.CLOSED,
        permission=TAKE_OVER,
        custom={"label": _("Take over and close"), "style": "primary"},
    )
    def take_over(self):
        pass

    take_over.alters_data = True
