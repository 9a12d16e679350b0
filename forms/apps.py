from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Public intake: form pages that validate what visitors send and hand it to a service."""

    name = "forms"
    label = "intake"
    verbose_name = _("Public intake forms")
