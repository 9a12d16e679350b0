"""The leasing admin: one "Leasing" menu with requirements, plans, contracts and templates."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .contracts import ContractViewSet
from .plans import LeasePlanViewSet
from .requirements import RequirementViewSet
from .templates import ContractTemplateViewSet


class LeasingViewSetGroup(SnippetViewSetGroup):
    items = (RequirementViewSet, LeasePlanViewSet, ContractViewSet, ContractTemplateViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Leasing")
    menu_name = "leasing"
    menu_order = 200


__all__ = [
    "ContractTemplateViewSet",
    "ContractViewSet",
    "LeasePlanViewSet",
    "LeasingViewSetGroup",
    "RequirementViewSet",
]
