from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionState(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
    EVALUATED = "evaluated", _("Evaluated")
    FOR_DISCUSSION = "for_discussion", _("For discussion")
    ADOPTED = "adopted", _("Adopted")
    IMPLEMENTING = "implementing", _("Implementing")
    IMPLEMENTED = "implemented", _("Implemented")
    DECLINED = "declined", _("Declined")


class SuggestionSource(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    EMPLOYEE = "employee", _("Employee")


class SuggestionCategory(models.TextChoices):
    SERVICE = "service", _("Service")
    PROCESS = "process", _("Process")
    EQUIPMENT = "equipment", _("Equipment")
    PRICING = "pricing", _("Pricing")
    WORKPLACE = "workplace", _("Workplace")
    OTHER = "other", _("Other")


class RewardState(models.TextChoices):
    """The reward's own state machine beside the suggestion's (P7.1)."""

    NONE = "none", _("No reward")
    DUE = "due", _("Reward due")
    GIVEN = "given", _("Reward given")
