from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to the customer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Superseded by a revision")


class ContractState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_LEGAL_REVIEW = "in_legal_review", _("In legal review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    ENDING = "ending", _("Ending")
    RENEWED = "renewed", _("Renewed")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


#: A contract whose lease runs: signed, and not yet returned, closed or cancelled. Follow-ups,
#: maintenance visits and rent invoices go on through all of these states (P4, P5).
CONTRACT_IN_FORCE = (
    ContractState.SIGNED,
    ContractState.ACTIVE,
    ContractState.ENDING,
    ContractState.RENEWED,
)

#: A new contract version (a renewal with changed terms) that has taken the lease over.
VERSION_SIGNED_STATES = (
    *CONTRACT_IN_FORCE,
    ContractState.RETURNED,
    ContractState.CLOSED,
)


class RateBasis(models.TextChoices):
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    CASH = "cash", _("Cash")
    CREDIT_CARD = "credit_card", _("Credit card")


class BillingCycle(models.TextChoices):
    IN_ADVANCE = "in_advance", _("Whole term in advance")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    END_OF_TERM = "end_of_term", _("At the end of the term")


class ClauseKind(models.TextChoices):
    """The six clauses the regulation requires in every contract (P2.3), and any other."""

    SPECIFICATION = "specification", _("Equipment specification")
    QUANTITY = "quantity", _("Quantity")
    RENT = "rent", _("Rent")
    DELIVERY = "delivery", _("Delivery time")
    MAINTENANCE = "maintenance", _("Maintenance responsibility")
    LIABILITY = "liability", _("Liability for breach")
    OTHER = "other", _("Other")


#: Every contract must contain these, with text, before Legal reviews it (P2.3).
REQUIRED_CLAUSE_KINDS = (
    ClauseKind.SPECIFICATION,
    ClauseKind.QUANTITY,
    ClauseKind.RENT,
    ClauseKind.DELIVERY,
    ClauseKind.MAINTENANCE,
    ClauseKind.LIABILITY,
)


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
