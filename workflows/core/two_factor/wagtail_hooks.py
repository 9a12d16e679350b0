"""Admin wiring of two-step verification (imported by the core app's wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton

from . import has_device
from .views import (
    BACKUP_CODES_RENEWED,
    ENROLLED,
    RESET,
    TURNED_OFF,
    EnrolView,
    ResetView,
    VerifyView,
)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", EnrolView.as_view(), name="core_two_factor"),
        path("two-factor/verify/", VerifyView.as_view(), name="core_two_factor_verify"),
        path("two-factor/reset/<int:user_id>/", ResetView.as_view(), name="core_two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("core_two_factor"),
        "label": _("Two-step verification"),
        "help_text": _("Ask for a code from your phone after your password."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if request_user.is_superuser and has_device(user):
        yield ListingButton(
            _("Reset two-step verification"),
            reverse("core_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    for action, label in (
        (ENROLLED, _("Two-step verification turned on")),
        (BACKUP_CODES_RENEWED, _("New backup codes made")),
        (TURNED_OFF, _("Two-step verification turned off")),
        (RESET, _("Two-step verification reset by an administrator")),
    ):
        actions.register_action(action, label, label)
