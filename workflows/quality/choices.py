from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyOccasion(models.TextChoices):
    """Why a customer was asked (P7.2)."""

    COMPLAINT_CLOSED = "complaint_closed", _("After a complaint was closed")
    DELIVERY_ACCEPTED = "delivery_accepted", _("After delivery acceptance")
    PERIODIC = "periodic", _("Periodic survey")


#: The regulation's dimensions of satisfaction (P7.2), each scored 1-5.
DIMENSIONS = [
    ("attitude", _("Service attitude")),
    ("efficiency", _("Efficiency")),
    ("quality", _("Quality of service")),
    ("problem_solving", _("Problem solving")),
]


class KPIUnit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    SCORE = "score", _("score (1-5)")


class ProcessArea(models.TextChoices):
    """The process areas Supervision inspects (P7.1), each with its own checklist."""

    CONSULTATION = "consultation", _("Consultation and reception")
    LEASING = "leasing", _("Leasing and contracts")
    DELIVERY = "delivery", _("Delivery and returns")
    SERVICING = "servicing", _("Maintenance and repairs")
    BILLING = "billing", _("Billing and collection")
    COMPLAINTS = "complaints", _("Complaints and feedback")


class InspectionKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNANNOUNCED = "unannounced", _("Unannounced (spot check)")


class InspectionFrequency(models.IntegerChoices):
    """How often a planned inspection comes back, in months (P7.1)."""

    MONTHLY = 1, _("Every month")
    QUARTERLY = 3, _("Every quarter")
    HALF_YEARLY = 6, _("Every half year")
    YEARLY = 12, _("Every year")


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class RectificationState(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done, awaiting verification")
    VERIFIED = "verified", _("Verified")


class ProblemReportState(models.TextChoices):
    RECEIVED = "received", _("Received")
    USEFUL = "useful", _("Useful")
    DISMISSED = "dismissed", _("Not pursued")


class RewardState(models.TextChoices):
    NONE = "none", _("No reward")
    DUE = "due", _("Reward due")
    GIVEN = "given", _("Reward given")


class AssessmentKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SPECIAL = "special", _("Special (after a complaint or incident)")


class AssessmentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPUTED = "computed", _("Computed")
    REVIEWED = "reviewed", _("Reviewed by the manager")
    APPROVED = "approved", _("Approved by HR")
    PUBLISHED = "published", _("Published to the employee")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")


class Recommendation(models.TextChoices):
    NONE = "", _("None")
    PROMOTION_PRIORITY = "promotion", _("Priority for promotion")
    TRAINING = "training", _("Training")
    ROTATION_REVIEW = "rotation", _("Rotation or dismissal review")
