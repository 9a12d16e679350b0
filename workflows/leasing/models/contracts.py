"""Lease contracts (P2.3-P2.5): drafted from a template, reviewed by Legal, signed, copied."""

import hashlib
import json
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index

from workflows.core.models import ProcessRecord
from workflows.core.private_files import private_storage

from ..choices import REQUIRED_CLAUSE_KINDS, ClauseKind, ReviewOutcome
from ..choices import ContractState as S
from ..permissions import (
    CANCEL_CONTRACT,
    RENEW_CONTRACT,
    REVIEW_CONTRACT,
    RUN_LEASE,
    SIGN_CONTRACT,
    SUBMIT_CONTRACT,
    nobody,
)


def missing_clause_kinds(contract):
    """The required clause kinds (P2.3) that the contract lacks or leaves empty."""
    present = {clause.kind for clause in contract.clauses.all() if (clause.text or "").strip()}
    return [kind for kind in REQUIRED_CLAUSE_KINDS if kind not in present]


def has_required_clauses(contract):
    """A contract goes to Legal only with the six clauses the regulation requires (P2.3)."""
    return not missing_clause_kinds(contract)


has_required_clauses.message = _(
    "The contract needs these clauses, with text, before Legal can review it: equipment "
    "specification, quantity, rent, delivery time, maintenance responsibility, liability "
    "for breach."
)


def has_review_comments(contract):
    """Legal says what to change (P2.4)."""
    return bool((contract.review_comments or "").strip())


has_review_comments.message = _("Write what has to change.")


def is_the_approved_version(contract):
    """Only the exact version Legal approved is signed (P2.4)."""
    return bool(contract.approved_hash) and contract.approved_hash == contract.content_hash()


is_the_approved_version.message = _(
    "The contract changed after Legal approved it; it must be reviewed again."
)


def has_signing_record(contract):
    """Signing is recorded with date, both signatories, the scan and the archive place (P2.5)."""
    return bool(
        contract.signed_on
        and (contract.customer_signatory or "").strip()
        and (contract.company_signatory or "").strip()
        and contract.signed_original
        and (contract.archive_location or "").strip()
    )


has_signing_record.message = _(
    "Give the signing date, both signatories, the scanned signed original and where the paper "
    "original is archived."
)


def has_all_units(contract):
    """Every line has its concrete units booked for the lease period (item 5)."""
    return contract.unassigned_lines() == []


has_all_units.message = _("Assign units to every line of the plan before signing.")


def has_cancel_reason(contract):
    return bool((contract.cancelled_reason or "").strip())


has_cancel_reason.message = _("Give the reason for cancelling.")


def renews_later(contract):
    """A renewal moves the last day of the lease later (P6.1), or a signed new version
    with changed terms takes the lease over from the day after this one ends."""
    if getattr(contract, "renewed_by_version", None) is not None:
        return True
    return contract.period_end is not None and (
        contract.renewed_from is None or contract.period_end > contract.renewed_from
    )


renews_later.message = _("The new end date must be after the current one.")


def end_of_day_delta(day):
    """From now to the end of `day` in the local time zone (a deadline "on that day")."""
    from workflows.fleet.models import end_of_day

    return end_of_day(day) - timezone.now()


def signed_original_path(contract, filename):
    """Scans are stored under an unguessable name; the admin serves them to staff only."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"leasing/signed/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Contract(index.Indexed, ProcessRecord, ClusterableModel):
    """A lease contract for an accepted plan, its clauses copied from a template and filled in.

    Legal approves one exact version: `approved_hash` is the fingerprint of the
    contract as approved, and any later edit returns it to draft (P2.4).
    """

    FINAL_STATES = (S.CLOSED, S.CANCELLED)
    #: Numbered in the series LC by month of drafting (`workflows.core.numbering`).
    REFERENCE_PREFIX = "LC"
    REFERENCE_FIELD = "number"
    DELETABLE_STATES = (S.DRAFT,)
    #: Sales edits the contract in these states; an edit of an approved one sends it back to draft.
    EDITABLE_STATES = (S.DRAFT, S.CHANGES_REQUESTED, S.APPROVED)
    #: Units may be assigned until the contract is signed or cancelled.
    ASSIGNABLE_STATES = (S.DRAFT, S.IN_LEGAL_REVIEW, S.CHANGES_REQUESTED, S.APPROVED)

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    state = FSMField(_("state"), max_length=20, choices=S.choices, default=S.DRAFT, protected=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="lease_contracts",
        editable=False,
    )
    plan = models.ForeignKey(
        "leasing.LeasePlan",
        verbose_name=_("lease plan"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    template = models.ForeignKey(
        "leasing.ContractTemplate",
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    title = models.CharField(_("title"), max_length=150)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    period_start = models.DateField(_("lease starts on"))
    period_end = models.DateField(_("lease ends on"), help_text=_("The last day of the lease."))
    delivery_date = models.DateField(_("delivery date"))
    delivery_place = models.CharField(_("delivery place"), max_length=300)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # Legal review (P2.4) and the KPI timestamps (P7.3).
    submitted_at = models.DateTimeField(
        _("first sent for review at"), null=True, blank=True, editable=False
    )
    review_rounds = models.PositiveIntegerField(_("reviews asked"), default=0, editable=False)
    first_review_outcome = models.CharField(
        _("first review"), max_length=20, choices=ReviewOutcome.choices, blank=True, editable=False
    )
    review_comments = models.TextField(_("Legal's comments"), blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_hash = models.CharField(
        _("fingerprint of the approved version"), max_length=64, blank=True, editable=False
    )

    # Signing (P2.4, P2.5).
    signed_at = models.DateTimeField(
        _("signing recorded at"), null=True, blank=True, editable=False
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    customer_signatory = models.CharField(
        _("signed for the customer by"), max_length=150, blank=True, editable=False
    )
    company_signatory = models.CharField(
        _("signed for the company by"), max_length=150, blank=True, editable=False
    )
    signed_original = models.FileField(
        _("scanned signed original"),
        upload_to=signed_original_path,
        storage=private_storage,
        max_length=200,
        blank=True,
        editable=False,
    )
    archive_location = models.CharField(
        _("paper original archived at"), max_length=200, blank=True, editable=False
    )

    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)

    # The lease after signing (P3.4, P6.1-P6.3).
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True, editable=False)
    renewed_from = models.DateField(
        _("end date before the last renewal"), null=True, blank=True, editable=False
    )
    renewals = models.PositiveIntegerField(_("renewals"), default=0, editable=False)
    returned_at = models.DateTimeField(
        _("all units received back at"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("renews contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
        editable=False,
        help_text=_("A renewal with changed terms is a new contract version (P6.1)."),
    )

    search_fields = [
        index.SearchField("number"),
        index.RelatedFields("customer", [index.SearchField("name")]),
        index.FilterField("state"),
    ]

    class Meta:
        verbose_name = _("lease contract")
        verbose_name_plural = _("lease contracts")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("submit_contract", _("Can send lease contracts to Legal")),
            ("review_contract", _("Can approve lease contracts or ask for changes")),
            ("sign_contract", _("Can record the signing of lease contracts")),
            ("cancel_contract", _("Can cancel lease contracts before signing")),
            ("run_lease", _("Can record the delivery, end and return of leases")),
            ("renew_contract", _("Can record the renewal of leases")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=~models.Q(state="cancelled"),
                name="lease_contract_one_live_per_plan",
                violation_error_message=_("This plan already has a contract."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="lease_contract_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return self.number

    @classmethod
    def waiting_for(cls, user):
        """Legal sees every contract in review; a salesperson the contracts they drafted
        that wait for Sales (to send, fix or have signed); After-sales the signed (to
        deliver), ending (to renew or take back) and returned (to close) ones."""
        queryset = cls.objects.none()
        if user.is_superuser or user.has_perm(REVIEW_CONTRACT):
            queryset = cls.objects.filter(state=S.IN_LEGAL_REVIEW)
        sales_states = []
        if user.is_superuser or user.has_perm(SUBMIT_CONTRACT):
            sales_states += [S.DRAFT, S.CHANGES_REQUESTED]
        if user.is_superuser or user.has_perm(SIGN_CONTRACT):
            sales_states.append(S.APPROVED)
        if sales_states:
            mine = cls.objects.filter(state__in=sales_states)
            if not user.is_superuser:
                mine = mine.filter(drafted_by=user)
            queryset = queryset | mine
        if user.is_superuser or user.has_perm(RUN_LEASE):
            # After-sales: deliver the signed, agree the end of the ending, close the returned.
            queryset = queryset | cls.objects.filter(state__in=[S.SIGNED, S.ENDING, S.RETURNED])
        return queryset

    def deadline_for(self, state):
        """Legal's review time; after signing, the lease's own dates (P3, P6).

        Signed: delivered by the delivery date. Active or renewed: the end of the
        lease is announced N days before the end date (`LeaseTermSettings`).
        Ending: the customer's choice and the return by the end date. Returned:
        closed within the settlement days.
        """
        if state == S.IN_LEGAL_REVIEW:
            from workflows.core.models import ServiceLevelSettings

            return timedelta(hours=ServiceLevelSettings.load().legal_review_hours)
        if state == S.SIGNED and self.delivery_date:
            return end_of_day_delta(self.delivery_date)
        if state in (S.ACTIVE, S.RENEWED) and self.period_end:
            notice = LeaseTermSettings.load().ending_notice_days
            return end_of_day_delta(self.period_end - timedelta(days=notice + 1))
        if state == S.ENDING and self.period_end:
            return end_of_day_delta(self.period_end)
        if state == S.RETURNED:
            return timedelta(days=LeaseTermSettings.load().closing_days)
        return None

    def successor(self):
        """The signed new version that renewed this contract with changed terms, or None."""
        from ..choices import VERSION_SIGNED_STATES

        return (
            self.next_versions.filter(state__in=VERSION_SIGNED_STATES).order_by("-pk").first()
            if self.pk
            else None
        )

    def open_version(self):
        """A new version of this contract still with Sales or Legal, or None."""
        return (
            self.next_versions.filter(state__in=self.ASSIGNABLE_STATES).order_by("-pk").first()
            if self.pk
            else None
        )

    def ending_starts_on(self):
        """The day the end of the lease is announced: N days before its last day."""
        return self.period_end - timedelta(days=LeaseTermSettings.load().ending_notice_days)

    def content(self):
        """What Legal reads and approves: every printed detail and every clause, in order."""
        return {
            "number": self.number,
            "title": self.title,
            "customer": self.customer_id,
            "plan": self.plan_id,
            "language": self.language,
            "period": [str(self.period_start), str(self.period_end)],
            "delivery": [str(self.delivery_date), self.delivery_place],
            "clauses": [[clause.kind, clause.title, clause.text] for clause in self.clauses.all()],
        }

    def content_hash(self):
        """A fingerprint of `content()`: equal exactly when nothing Legal read has changed."""
        payload = json.dumps(self.content(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def booking_period(self):
        """The units are booked from the first day through the last: [start, last day + 1)."""
        return self.period_start, self.period_end + timedelta(days=1)

    def unassigned_lines(self):
        """Plan lines that do not yet have as many active bookings as units leased."""
        booked = {}
        for line_id in self.bookings.filter(active=True).values_list("plan_line_id", flat=True):
            booked[line_id] = booked.get(line_id, 0) + 1
        return [line for line in self.plan.lines.all() if booked.get(line.pk, 0) != line.quantity]

    # Transitions change the state only; the services do everything else.

    @transition(
        field=state,
        source=[S.DRAFT, S.CHANGES_REQUESTED],
        target=S.IN_LEGAL_REVIEW,
        permission=SUBMIT_CONTRACT,
        conditions=[has_required_clauses],
        custom={"label": _("Send to Legal"), "style": "primary"},
    )
    def submit_for_review(self):
        pass

    submit_for_review.alters_data = True

    @transition(
        field=state,
        source=S.IN_LEGAL_REVIEW,
        target=S.CHANGES_REQUESTED,
        permission=REVIEW_CONTRACT,
        conditions=[has_review_comments],
        custom={"label": _("Request changes")},
    )
    def request_changes(self):
        pass

    request_changes.alters_data = True

    @transition(
        field=state,
        source=S.IN_LEGAL_REVIEW,
        target=S.APPROVED,
        permission=REVIEW_CONTRACT,
        conditions=[has_required_clauses],
        custom={"label": _("Approve"), "style": "primary"},
    )
    def approve(self):
        pass

    approve.alters_data = True

    @transition(
        field=state,
        source=S.APPROVED,
        target=S.DRAFT,
        permission=SUBMIT_CONTRACT,
        custom={"label": _("Reopen for changes")},
    )
    def reopen(self):
        pass

    reopen.alters_data = True

    @transition(
        field=state,
        source=S.APPROVED,
        target=S.SIGNED,
        permission=SIGN_CONTRACT,
        conditions=[is_the_approved_version, has_all_units, has_signing_record],
        custom={"label": _("Record signing"), "style": "primary"},
    )
    def sign(self):
        pass

    sign.alters_data = True

    @transition(
        field=state,
        source=[S.DRAFT, S.IN_LEGAL_REVIEW, S.CHANGES_REQUESTED, S.APPROVED],
        target=S.CANCELLED,
        permission=CANCEL_CONTRACT,
        conditions=[has_cancel_reason],
        custom={"label": _("Cancel"), "style": "danger"},
    )
    def cancel(self):
        pass

    cancel.alters_data = True

    # After signing (P3.4, P6.1-P6.3): run by the handover and return commands and the
    # periodic job, except the renewal, which Sales or After-sales records.

    @transition(
        field=state,
        source=S.SIGNED,
        target=S.ACTIVE,
        permission=RUN_LEASE,
        custom={"label": _("Activate"), "automatic": True},
    )
    def activate(self):
        pass

    activate.alters_data = True

    @transition(
        field=state,
        source=[S.ACTIVE, S.RENEWED],
        target=S.ENDING,
        permission=nobody,
        custom={"label": _("Lease ending"), "automatic": True},
    )
    def start_ending(self):
        pass

    start_ending.alters_data = True

    @transition(
        field=state,
        source=[S.ACTIVE, S.ENDING, S.RENEWED],
        target=S.RENEWED,
        permission=RENEW_CONTRACT,
        conditions=[renews_later],
        custom={"label": _("Renew"), "style": "primary"},
    )
    def renew(self):
        pass

    renew.alters_data = True

    @transition(
        field=state,
        source=[S.ACTIVE, S.ENDING, S.RENEWED],
        target=S.RETURNED,
        permission=RUN_LEASE,
        custom={"label": _("All units returned"), "automatic": True},
    )
    def mark_returned(self):
        pass

    mark_returned.alters_data = True

    @transition(
        field=state,
        source=S.RETURNED,
        target=S.CLOSED,
        permission=RUN_LEASE,
        custom={"label": _("Close"), "style": "primary"},
    )
    def close(self):
        pass

    close.alters_data = True


@register_setting(icon="date")
class LeaseTermSettings(BaseGenericSetting):
    """How far ahead the end of a lease is announced, how long closing may take and how long
    a returned unit is expected in refurbishment (P6)."""

    ending_notice_days = models.PositiveIntegerField(
        _("announce the end of a lease (days before its end date)"),
        default=30,
        help_text=_("After-sales and the customer are reminded this many days ahead (P6.1)."),
    )
    closing_days = models.PositiveIntegerField(
        _("close a returned lease within (days)"),
        default=14,
        help_text=_("Deadline for the return inspection and damage charges (P6.2)."),
    )
    refurbishment_days = models.PositiveIntegerField(
        _("a returned unit is expected back from refurbishment after (days)"),
        default=7,
        help_text=_(
            "When a unit is received back and After-sales gives no date, it is expected "
            "ready for the next lease this many days later (P6.3)."
        ),
    )

    class Meta:
        verbose_name = _("lease terms")
        verbose_name_plural = _("lease terms")


class ContractClause(Orderable):
    """A clause as it stands in this contract: copied from the template, filled, maybe edited."""

    contract = ParentalKey(Contract, related_name="clauses", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=ClauseKind.choices)
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"))

    class Meta(Orderable.Meta):
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        return self.title
