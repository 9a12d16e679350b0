from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter

from .viewsets import SuggestionViewSet

register_snippet(SuggestionViewSet)


@hooks.register("register_log_actions")
def register_suggestion_events(actions):
    actions.register_action("suggestions.give_reward")(
        type("RewardGivenFormatter", (EventLogFormatter,), {"label": _("Reward given")})
    )
