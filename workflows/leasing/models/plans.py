"""Lease plans (P2.2): what Sales offers the customer, priced by the rent rules."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from workflows.core.models import ProcessRecord

from .. import pricing
from ..choices import BillingCycle, PaymentMethod, RateBasis
from ..choices import PlanState as S
from ..permissions import HANDLE_PLAN, nobody

MONEY = {"max_digits": 14, "decimal_places": 2}


def has_lines(plan):
    """A plan offers at least one line of equipment."""
    return plan.pk is not None and plan.lines.exists()


has_lines.message = _("Add at least one line of equipment before sending the plan.")


def is_still_valid(plan):
    """A plan is sent with a validity date that has not passed."""
    return plan.valid_until is not None and plan.valid_until >= timezone.localdate()


is_still_valid.message = _("Set a “valid until” date that has not passed before sending.")


def is_past_validity(plan):
    """A plan expires only after its last valid day."""
    return plan.valid_until is not None and plan.valid_until < timezone.localdate()


is_past_validity.message = _("The plan is still valid.")


def has_decline_reason(plan):
    return bool((plan.decline_reason or "").strip())


has_decline_reason.message = _("Say why the customer declined.")


class LeasePlan(index.Indexed, ProcessRecord, ClusterableModel):
    """An offer to the customer: equipment lines with rates, deposit, payment and services.

    A revised offer is a new version with the same reference; the old version
    stays readable, marked superseded, so that only one version of a plan is
    ever current and the customer can accept only that one (P2.2).
    """

    FINAL_STATES = (S.ACCEPTED, S.DECLINED, S.EXPIRED, S.SUPERSEDED)
    #: Numbered in the series LP by month of creation (`workflows.core.numbering`); every
    #: version of a plan keeps the first version's reference.
    REFERENCE_PREFIX = "LP"
    DELETABLE_STATES = (S.DRAFT,)
    #: Sales changes a plan only before the customer has it; afterwards, it is revised.
    EDITABLE_STATES = (S.DRAFT,)

    reference = models.CharField(_("reference"), max_length=20, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("revises"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
        editable=False,
    )
    state = FSMField(_("state"), max_length=20, choices=S.choices, default=S.DRAFT, protected=True)
    requirement = models.ForeignKey(
        "leasing.Requirement",
        verbose_name=_("requirement"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="lease_plans",
        editable=False,
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    payment_method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.BANK_TRANSFER,
    )
    billing_cycle = models.CharField(
        _("billing cycle"),
        max_length=20,
        choices=BillingCycle.choices,
        default=BillingCycle.MONTHLY,
    )
    includes_delivery = models.BooleanField(_("delivery and pick-up included"), default=True)
    includes_maintenance = models.BooleanField(_("maintenance visits included"), default=True)
    includes_training = models.BooleanField(_("on-site training included"), default=False)
    services_note = models.TextField(
        _("service details"),
        blank=True,
        help_text=_("What the included services cover, e.g. “one maintenance visit a month”."),
    )
    valid_until = models.DateField(
        _("valid until"), help_text=_("The last day the customer may accept this plan.")
    )
    deposit_agreed = models.DecimalField(
        _("deposit agreed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty for the catalogue deposit: each model's deposit × quantity."),
        **MONEY,
    )
    rent_total = models.DecimalField(_("rent total"), default=0, editable=False, **MONEY)
    deposit = models.DecimalField(_("deposit"), default=0, editable=False, **MONEY)
    grand_total = models.DecimalField(_("total"), default=0, editable=False, **MONEY)
    language = models.CharField(
        _("printed in"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(
        _("customer answered at"), null=True, blank=True, editable=False
    )
    decline_reason = models.TextField(_("why declined"), blank=True, editable=False)

    search_fields = [
        index.SearchField("reference"),
        index.RelatedFields("customer", [index.SearchField("name")]),
        index.FilterField("state"),
    ]

    class Meta:
        verbose_name = _("lease plan")
        verbose_name_plural = _("lease plans")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("handle_plan", _("Can send and revise lease plans and record the customer's answer"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference", "version"], name="lease_plan_reference_version_unique"
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(state="superseded"),
                name="lease_plan_one_current_version",
                violation_error_message=_("This plan already has a current version."),
            ),
        ]
        indexes = [models.Index(fields=["state", "valid_until"])]

    def __str__(self):
        return _("%(reference)s version %(version)s") % {
            "reference": self.reference,
            "version": self.version,
        }

    @classmethod
    def waiting_for(cls, user):
        """A salesperson's own drafts to send and sent plans awaiting the customer's answer."""
        if not (user.is_superuser or user.has_perm(HANDLE_PLAN)):
            return cls.objects.none()
        queryset = cls.objects.filter(state__in=[S.DRAFT, S.SENT])
        return queryset if user.is_superuser else queryset.filter(prepared_by=user)

    @property
    def is_current(self):
        return self.state != S.SUPERSEDED

    def valid_until_deadline(self):
        """The moment the plan stops being valid: the end of its last valid day, local time."""
        return timezone.make_aware(datetime.combine(self.valid_until + timedelta(days=1), time.min))

    def calculate(self):
        """Price every line and the plan with the rent rules (`pricing`); saves nothing."""
        lines = list(self.lines.all())
        for line in lines:
            line.price()
        if self.deposit_agreed is not None:
            deposit = self.deposit_agreed
        else:
            deposit = pricing.default_deposit(
                (line.equipment_model.deposit, line.quantity)
                for line in lines
                if line.equipment_model_id
            )
        result = pricing.totals([line.rent for line in lines], deposit)
        self.rent_total = result.rent_total
        self.deposit = result.deposit
        self.grand_total = result.grand_total
        return result

    def save(self, **kwargs):
        # Once the customer has the plan its amounts are what was offered, even if
        # the catalogue changes later.
        if self.state in self.EDITABLE_STATES:
            self.calculate()
        super().save(**kwargs)

    # Transitions change the state only; the services do everything else.

    @transition(
        field=state,
        source=S.DRAFT,
        target=S.SENT,
        permission=HANDLE_PLAN,
        conditions=[has_lines, is_still_valid],
        custom={"label": _("Send to the customer"), "style": "primary"},
    )
    def send(self):
        pass

    send.alters_data = True

    @transition(
        field=state,
        source=S.SENT,
        target=S.ACCEPTED,
        permission=HANDLE_PLAN,
        custom={"label": _("Customer accepted"), "style": "primary"},
    )
    def accept(self):
        pass

    accept.alters_data = True

    @transition(
        field=state,
        source=S.SENT,
        target=S.DECLINED,
        permission=HANDLE_PLAN,
        conditions=[has_decline_reason],
        custom={"label": _("Customer declined")},
    )
    def decline(self):
        pass

    decline.alters_data = True

    @transition(
        field=state,
        source=S.SENT,
        target=S.EXPIRED,
        permission=nobody,
        conditions=[is_past_validity],
        custom={"label": _("Expire")},
    )
    def expire(self):
        pass

    expire.alters_data = True

    @transition(
        field=state,
        source=[S.SENT, S.DECLINED, S.EXPIRED],
        target=S.SUPERSEDED,
        permission=HANDLE_PLAN,
        custom={"label": _("Revise")},
    )
    def revise(self):
        pass

    revise.alters_data = True


class PlanLine(Orderable):
    """One line of the offer: a model, how many, at which rate, for how many periods."""

    plan = ParentalKey(LeasePlan, related_name="lines", on_delete=models.CASCADE)
    equipment_model = models.ForeignKey(
        "fleet.EquipmentModel",
        verbose_name=_("equipment model"),
        on_delete=models.PROTECT,
        related_name="lease_plan_lines",
    )
    configuration = models.CharField(_("configuration"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)]
    )
    rate_basis = models.CharField(
        _("rate basis"), max_length=10, choices=RateBasis.choices, default=RateBasis.MONTH
    )
    periods = models.DecimalField(
        _("periods"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("How many days, weeks or months; may be fractional, e.g. 1.5."),
    )
    unit_rate = models.DecimalField(
        _("rate per unit"),
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty for the catalogue rate of the model."),
        **MONEY,
    )
    rent = models.DecimalField(_("rent"), default=0, editable=False, **MONEY)

    class Meta(Orderable.Meta):
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, periods__gt=0, unit_rate__gte=0),
                name="plan_line_amounts_positive",
            )
        ]

    def __str__(self):
        return f"{self.equipment_model} × {self.quantity}"

    def clean(self):
        super().clean()
        if self.unit_rate is None and self.equipment_model_id is not None:
            self.unit_rate = pricing.model_rate(self.equipment_model, self.rate_basis)
        if self.unit_rate is None:
            raise ValidationError({"unit_rate": _("Enter the rate.")}, code="no_rate")

    def price(self):
        if self.unit_rate is None:
            self.unit_rate = pricing.model_rate(self.equipment_model, self.rate_basis)
        self.rent = pricing.line_rent(self.quantity, self.unit_rate, self.periods)
        return self.rent

    def save(self, **kwargs):
        self.price()
        super().save(**kwargs)
