from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .views import VIEW_UNITS, AvailabilityView
from .viewsets import FLEET_MENU_HOOK, FleetViewSetGroup

register_snippet(FleetViewSetGroup)


@hooks.register("register_admin_urls")
def register_fleet_urls():
    return [path("fleet/availability/", AvailabilityView.as_view(), name="fleet_availability")]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(FLEET_MENU_HOOK)
def availability_menu_item():
    return PermissionMenuItem(
        _("Availability"),
        reverse("fleet_availability"),
        icon_name="date",
        order=2,
        permission=VIEW_UNITS,
    )
