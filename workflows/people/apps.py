from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Training and development records (P8): sessions, enrolments, quiz results, staff."""

    name = "workflows.people"
    label = "people"
    verbose_name = _("Training and development")

    def ready(self):
        from . import career_services, services  # noqa: F401  (declare the commands)
