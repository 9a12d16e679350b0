from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public website's page types: home, consultation channels, standard pages."""

    name = "home"
    label = "home"
    verbose_name = _("Website pages")
