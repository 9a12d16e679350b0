from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FollowUpState(models.TextChoices):
    DUE = "due", pgettext_lazy("follow-up state", "Due")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class FollowUpMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("Visit")
