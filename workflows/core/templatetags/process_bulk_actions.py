"""The footer of a process listing: Wagtail's bulk-action buttons, for this user only.

Wagtail's `bulk_action_choices` shows every registered action to everyone; a
process listing shows a bulk transition only to those who may take it. The
buttons are built as Wagtail builds them (the first four, then "More").
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets import Button, ButtonWithDropdown, ListingButton

register = template.Library()

SHOWN = 4


def offered(action, user):
    is_offered_to = getattr(action, "is_offered_to", None)
    return is_offered_to is None or is_offered_to(user)


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def process_bulk_action_choices(context, app_label, model_name):
    user = context["request"].user
    actions = sorted(
        (
            action
            for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
            if offered(action, user)
        ),
        key=lambda action: action.action_priority,
    )

    def url(action):
        return reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])

    # No "next" parameter: Wagtail's script adds it (the listing changes without a reload).
    buttons = [
        ListingButton(
            action.display_name,
            url(action),
            attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
            priority=action.action_priority,
            classname=" ".join(action.classes | {"bulk-action-btn"}),
        )
        for action in actions[:SHOWN]
    ]
    if actions[SHOWN:]:
        buttons.append(
            ButtonWithDropdown(
                label=_("More"),
                attrs={"title": _("More bulk actions")},
                classname="button button-secondary button-small",
                buttons=[
                    Button(
                        label=action.display_name,
                        url=url(action),
                        attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                        priority=action.action_priority,
                    )
                    for action in actions[SHOWN:]
                ],
            )
        )
    return {"buttons": buttons}
