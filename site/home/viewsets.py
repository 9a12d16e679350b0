"""Admin for the menus Marketing edits."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .navigation import Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["__str__", "locale"]
    panels = [FieldPanel("name"), FieldPanel("items")]
