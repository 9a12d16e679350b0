"""The shared base of every process record, the message outbox and service levels."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import class_prepared
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMFieldMixin
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .choices import MessageChannel, MessageStatus


class ProcessRecordQuerySet(models.QuerySet):
    def overdue(self, now=None):
        return self.filter(due_at__lt=now or timezone.now())

    def open(self):
        return self.exclude(state__in=self.model.FINAL_STATES)


class ProcessRecord(ConcurrentTransitionMixin, models.Model):
    """A record that moves through states by transitions (DESIGN.md, "The one mechanism").

    Subclasses declare `state = FSMField(protected=True, ...)`, `FINAL_STATES`, and
    transitions named as verbs with `permission=` and `custom={"label": ...}`. The
    state changes only through `workflows.core.services.perform_transition`, which
    also keeps `due_at` and `state_changed_at`.

    A record may carry further, secondary state machines (another protected
    FSMField with its own transitions): `state` stays the record's state, the one
    `FINAL_STATES`, `due_at`, `state_changed_at` and `escalated_at` are about.
    """

    #: States in which the record waits for nobody.
    FINAL_STATES: tuple = ()
    #: States in which a record may still be deleted (a draft nobody acted on).
    DELETABLE_STATES: tuple = ()
    #: States in which its details may be edited; None: every state but the final ones.
    EDITABLE_STATES: tuple | None = None
    #: The series of the record's reference number (`workflows.core.numbering`), e.g. "C";
    #: empty for a record without one.
    REFERENCE_PREFIX: str = ""
    REFERENCE_FIELD: str = "reference"
    #: The field the record starts from: its reference's month and its first deadline.
    DATE_FIELD: str = "created_at"
    #: Who hears of the record past its deadline (`workflows.core.escalation.Escalation`);
    #: None when the process does not escalate.
    escalation = None

    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    state_changed_at = models.DateTimeField(
        _("state changed at"), default=timezone.now, editable=False
    )
    due_at = models.DateTimeField(
        _("due by"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("When the current state must be left; empty when nothing is due."),
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, editable=False)

    objects = ProcessRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    # Protected FSM fields refuse attribute assignment, which model validation
    # does for every field it cleans; the state is never edited by a form anyway.
    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        exclude.update(f.name for f in self._meta.concrete_fields if isinstance(f, FSMFieldMixin))
        super().clean_fields(exclude=exclude)

    @property
    def is_overdue(self):
        return self.due_at is not None and self.due_at < timezone.now()

    def deadline_for(self, state):
        """How long the record may stay in `state`, or None: overridden per process."""
        return None

    @classmethod
    def visible_to(cls, user, queryset):
        """The records of `queryset` this user may see in shared views (the overdue report).

        All of them by default; a process whose records belong to one department
        (complaints) narrows it.
        """
        return queryset

    @classmethod
    def private_recipient_records(cls):
        """Records (a queryset of them) whose messages to staff only the recipient may read
        in the Outbox (an anonymous employee's suggestion); None when there are none."""
        return None

    @classmethod
    def waiting_for(cls, user):
        """Records whose next step this user may take (the work queue, DESIGN.md step 6),
        in any of the record's state machines."""
        from .transitions import waiting_condition

        condition = waiting_condition(cls, user)
        if condition is None:
            return cls._default_manager.none()
        return cls._default_manager.filter(condition)


@receiver(class_prepared)
def _register_reference_series(sender, **kwargs):
    if issubclass(sender, ProcessRecord) and sender.REFERENCE_PREFIX and not sender._meta.abstract:
        from .numbering import register_series

        register_series(sender.REFERENCE_PREFIX, sender, sender.REFERENCE_FIELD)


class OutboundMessage(models.Model):
    """Every message the system sends or shows: proof of what was sent, to whom, when.

    `dedupe_key` is unique, so the same business event can never produce the
    same message twice, and delivery marks the row before it returns, so a
    message is never delivered twice either.
    """

    channel = models.CharField(_("channel"), max_length=10, choices=MessageChannel.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient (staff)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_received",
    )
    recipient_address = models.CharField(_("address"), max_length=254, blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    template = models.CharField(_("template"), max_length=100)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("record type"),
    )
    object_id = models.CharField(max_length=64, blank=True, verbose_name=_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["recipient_user", "channel", "read_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="in_app") | models.Q(recipient_user__isnull=False),
                name="in_app_message_has_staff_recipient",
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient_name or self.recipient_address}"


@register_setting(icon="time")
class ServiceLevelSettings(BaseGenericSetting):
    """Deadlines and escalation contacts that management sets, not developers.

    The regulation promises replies "within the set time" (在規定時間內); these
    are the set times. Reply deadlines per channel live on each channel.
    """

    customer_service_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Customer Service lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Receives escalations of overdue consultation replies. "
            "When empty, every member of the Customer Service group does."
        ),
    )
    sales_contact_hours = models.PositiveIntegerField(
        _("Sales contacts the customer within (hours)"),
        default=24,
        help_text=_("Deadline for Sales after a consultation is handed over (P2.1)."),
    )
    legal_review_hours = models.PositiveIntegerField(
        _("Legal reviews a contract within (hours)"),
        default=48,
        help_text=_("Deadline for Legal after Sales sends a lease contract for review (P2.4)."),
    )
    message_retry_minutes = models.PositiveIntegerField(
        _("retry failed messages after (minutes)"), default=15
    )

    class Meta:
        verbose_name = _("service levels")
        verbose_name_plural = _("service levels")

    @property
    def sales_contact_delta(self):
        return timedelta(hours=self.sales_contact_hours)


class PendingImport(models.Model):
    """An uploaded file between its preview and the user's confirmation; kept a day at most.

    Stored in the database, not on disk, so that any app server can confirm it
    and nothing of a customer list ever lands in public media.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    spec = models.CharField(max_length=50)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Large files are checked and saved by a background task (core.imports.background):
    # where it is, how far (percent), and the report it wrote, shown by the status page.
    status = models.CharField(
        max_length=20,
        default="ready",
        choices=[
            ("checking", _("Checking")),
            ("ready", _("Ready to confirm")),
            ("refused", _("Refused")),
            ("saving", _("Saving")),
            ("done", _("Imported")),
        ],
    )
    progress = models.PositiveSmallIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # The rows the preview checked (core.imports.checked), applied as they are on confirm,
    # and the fingerprint of the file they were read from.
    checked = models.BinaryField(null=True, blank=True)
    checked_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self):
        return self.filename


class ImportRun(models.Model):
    """One confirmed import: the file, who imported it and what it did to the records.

    Its History holds one entry for the import itself; every imported record has
    its own entry naming the file (core.imports.history).
    """

    spec = models.CharField(_("import"), max_length=50)
    filename = models.CharField(_("file"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now, db_index=True)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped rows"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.filename


class ImportColumnMapping(models.Model):
    """How a user mapped a sheet's unknown columns, remembered for the next file of that shape.

    `shape` is a fingerprint of the sheet's header row; `mapping` gives, for each
    unknown header (normalised), the field it fills, or "" for a column to ignore.
    """

    spec = models.CharField(max_length=50)
    shape = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")
        constraints = [
            models.UniqueConstraint("spec", "shape", name="import_column_mapping_unique_shape")
        ]

    def __str__(self):
        return f"{self.spec} {self.shape[:8]}"


from .numbering import ReferenceCounter  # noqa: E402  (models of this app, defined beside
from .tracking import PublicUpdate  # noqa: E402  their helpers)

__all__ = [
    "ImportColumnMapping",
    "ImportRun",
    "OutboundMessage",
    "PendingImport",
    "ProcessRecord",
    "PublicUpdate",
    "ReferenceCounter",
    "ServiceLevelSettings",
]
