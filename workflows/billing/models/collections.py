"""Reminders and collection decisions (P5.3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CollectionDecisionKind, ReminderAction
from .invoices import Invoice


class Reminder(models.Model):
    """One step of the reminder ladder for one invoice: never twice (unique step)."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("invoice")
    )
    day = models.PositiveSmallIntegerField(_("days after due date"))
    action = models.CharField(_("action"), max_length=10, choices=ReminderAction.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    call_logged_at = models.DateTimeField(_("call logged at"), null=True, blank=True)
    call_logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("call logged by"),
    )
    call_note = models.TextField(_("what the customer said"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["invoice", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "day", "action"], name="billing_one_reminder_per_step"
            )
        ]

    def __str__(self):
        return f"{self.invoice} +{self.day} {self.get_action_display()}"


class CollectionDecision(models.Model):
    """Sales' and Legal's joint decision on an invoice in collection (P5.3)."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("invoice")
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=CollectionDecisionKind.choices
    )
    note = models.TextField(_("note"))
    sales_agreed_by = models.CharField(_("for Sales"), max_length=150)
    legal_agreed_by = models.CharField(_("for Legal"), max_length=150)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("collection decision")
        verbose_name_plural = _("collection decisions")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.invoice}: {self.get_decision_display()}"
