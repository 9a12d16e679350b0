from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """The public equipment catalogue: published models, prices and "request a quote" (P2.1)."""

    name = "catalogue"
    label = "catalogue"
    verbose_name = _("Equipment catalogue")
