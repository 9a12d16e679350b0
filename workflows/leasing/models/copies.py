"""Copies of signed contracts: who received one, and when (P2.5)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .contracts import Contract


class ContractCopy(models.Model):
    """Who received a copy of the signed contract, and when (P2.5)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="copies")
    department = models.CharField(_("department"), max_length=50)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="lease_contract_copies",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("contract copy")
        verbose_name_plural = _("contract copies")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "recipient"], name="lease_contract_copy_once_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.contract_id} → {self.recipient_id}"
