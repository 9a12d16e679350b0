from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rent


class Cycle(models.TextChoices):
    MONTHLY = rent.MONTHLY, _("Monthly")
    WEEKLY = rent.WEEKLY, _("Weekly")
    DAILY = rent.DAILY, _("Daily")


class Timing(models.TextChoices):
    IN_ADVANCE = rent.IN_ADVANCE, _("In advance")
    IN_ARREARS = rent.IN_ARREARS, _("In arrears")


class EarlyReturnRule(models.TextChoices):
    REFUND_UNUSED = rent.REFUND_UNUSED, _("Refund the unused days")
    MINIMUM_TERM = rent.MINIMUM_TERM, _("Minimum term fee")


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")
    OVERDUE = "overdue", _("Overdue")
    IN_COLLECTION = "in_collection", _("In collection")
    WRITE_OFF_REQUESTED = "write_off_requested", _("Write-off requested")
    WRITTEN_OFF = "written_off", _("Written off")
    CREDITED = "credited", _("Credited")


class LineKind(models.TextChoices):
    """What a line charges; a new source of charges (a return's damage) adds a kind here."""

    RENT = "rent", _("Rent")
    ADJUSTMENT = "adjustment", _("Adjustment")
    LATE_FEE = "late_fee", _("Late fee")
    DAMAGE = "damage", _("Damage")
    RENT_CREDIT = "rent_credit", _("Complaint rent credit")
    EXTRA_SERVICE = "extra_service", _("Extra service")
    EARLY_RETURN = "early_return", _("Early return")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    CASH = "cash", _("Cash")
    CREDIT_CARD = "credit_card", _("Credit card")


class ReminderAction(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    CALL = "call", _("Phone call by Customer Service")
    ESCALATE = "escalate", _("Escalate to Sales and Legal")


class CollectionDecisionKind(models.TextChoices):
    PAYMENT_PLAN = "payment_plan", _("Payment plan")
    SUSPEND_SERVICE = "suspend_service", _("Suspend service")
    LEGAL_ACTION = "legal_action", _("Legal action")
    WRITE_OFF = "write_off", _("Request a write-off")


class DeductionReason(models.TextChoices):
    DAMAGE = "damage", _("Damage")
    UNPAID_RENT = "unpaid_rent", _("Unpaid rent")
    OTHER = "other", _("Other")


class DepositState(models.TextChoices):
    HELD = "held", _("Held")
    REFUND_DUE = "refund_due", _("Refund due")
    REFUNDED = "refunded", _("Refunded")


class SettlementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved and archived")
