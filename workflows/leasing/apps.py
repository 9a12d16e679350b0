from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeasingConfig(AppConfig):
    name = "workflows.leasing"
    label = "leasing"
    verbose_name = _("Leasing")

    def ready(self):
        from .bookings import register_with_fleet

        register_with_fleet()
