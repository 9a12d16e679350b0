from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "workflows.quality"
    label = "quality"
    verbose_name = _("Quality")

    def ready(self):
        from . import services  # noqa: F401  (declares the commands)
        from .kpi import builtin  # noqa: F401  (registers the KPIs whose records exist)
