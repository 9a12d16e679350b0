from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """The staff-only section of the site: training plans, courses, career tracks (P8)."""

    name = "learning"
    label = "learning"
    verbose_name = _("Staff section")
