from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "workflows.quality"
    label = "quality"
    verbose_name = _("Quality")

    def ready(self):
        from . import services  # noqa: F401  (declares the commands)

        # Register the KPIs: leads, contracts and complaints; delivery, servicing, billing.
        from .kpi import builtin, operations  # noqa: F401
