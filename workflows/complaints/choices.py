from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.core import roles


class ComplaintState(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Investigating")
    PLAN_AGREED = "plan_agreed", _("Plan agreed")
    RESOLVED = "resolved", _("Resolved")
    RESULT_COMMUNICATED = "result_communicated", _("Result communicated")
    CLOSED = "closed", _("Closed")


class ComplaintChannel(models.TextChoices):
    """How the complaint reached the company (P9.1)."""

    HOTLINE = "hotline", _("Complaint hotline")
    MAILBOX = "mailbox", _("Complaint mailbox")
    WEBSITE = "website", _("Online platform (website)")
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit in person")
    PHONE = "phone", _("Other phone call")


class ComplaintCategory(models.TextChoices):
    SERVICE_ATTITUDE = "service_attitude", _("Service attitude")
    DELIVERY = "delivery", _("Delivery")
    EQUIPMENT_FAULT = "equipment_fault", _("Equipment fault")
    MAINTENANCE = "maintenance", _("Maintenance")
    BILLING = "billing", _("Billing")
    OTHER = "other", _("Other")


class Department(models.TextChoices):
    """The departments a complaint can be assigned to; each is a role group (roles.py)."""

    CUSTOMER_SERVICE = "customer_service", _("Customer Service")
    SALES = "sales", _("Sales")
    LEGAL = "legal", _("Legal")
    AFTER_SALES = "after_sales", _("After-sales")
    FINANCE = "finance", _("Finance")
    HR = "hr", _("HR")
    MARKETING = "marketing", _("Marketing")


#: Department → the name of its role group.
DEPARTMENT_GROUPS = {
    Department.CUSTOMER_SERVICE: roles.CUSTOMER_SERVICE,
    Department.SALES: roles.SALES,
    Department.LEGAL: roles.LEGAL,
    Department.AFTER_SALES: roles.AFTER_SALES,
    Department.FINANCE: roles.FINANCE,
    Department.HR: roles.HR,
    Department.MARKETING: roles.MARKETING,
}


class Compensation(models.TextChoices):
    """What the company gives to meet a reasonable demand (P9.4)."""

    NONE = "none", _("None")
    RENT_CREDIT = "rent_credit", _("Rent reduction (credit for Finance)")
    EXTRA_SERVICE = "extra_service", _("Extra service (task for After-sales)")


class RootCause(models.TextChoices):
    """Why it happened, for the periodic analysis of causes and patterns (P9.6)."""

    STAFF_CONDUCT = "staff_conduct", _("Staff conduct or communication")
    PROCESS = "process", _("Procedure not followed")
    EQUIPMENT_QUALITY = "equipment_quality", _("Equipment quality or fault")
    MAINTENANCE = "maintenance", _("Maintenance not done as agreed")
    LOGISTICS = "logistics", _("Delivery or logistics")
    BILLING_ERROR = "billing_error", _("Billing error")
    CONTRACT_TERMS = "contract_terms", _("Contract terms unclear")
    CUSTOMER_SIDE = "customer_side", _("Misuse or misunderstanding by the customer")
    UNFOUNDED = "unfounded", _("Unfounded or unreasonable demand")
    OTHER = "other", _("Other")


class ContactMethod(models.TextChoices):
    """How the complainant was told."""

    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("In person")
    LETTER = "letter", _("Letter")


class RentCreditState(models.TextChoices):
    PENDING = "pending", _("Waiting for Finance")
    APPLIED = "applied", _("Applied")


class ServiceTaskState(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
