from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    """The company's published contact details and consultation channels (P1.1, P9.1)."""

    name = "contact"
    label = "contact"
    verbose_name = _("Contact and channels")
