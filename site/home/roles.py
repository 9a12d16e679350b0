"""Who keeps the public site's menus: Marketing."""

from workflows.core.roles import MARKETING

PERMISSIONS = {
    MARKETING: [
        "home.add_menu",
        "home.change_menu",
        "home.delete_menu",
        "home.view_menu",
    ],
}
