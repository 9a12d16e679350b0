from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "workflows.suggestions"
    label = "suggestions"
    verbose_name = _("Suggestions")

    def ready(self):
        from . import services  # noqa: F401  (declares the commands)
