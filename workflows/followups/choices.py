from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpState(models.TextChoices):
    DUE = "due", _("Due")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class FollowUpMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("Visit")
