from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter

from .viewsets import FollowUpViewSet

register_snippet(FollowUpViewSet)

EVENTS = {
    "followups.open_consultation": _("Consultation opened for Sales"),
    "followups.open_suggestion": _("Suggestion opened"),
    "followups.open_complaint": _("Complaint opened"),
}


@hooks.register("register_log_actions")
def register_follow_up_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("FollowUpEventFormatter", (EventLogFormatter,), {"label": label})
        )
