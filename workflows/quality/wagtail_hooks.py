from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter
from workflows.core.outbox import ReadOnlyPermissionPolicy

from .models import Survey
from .viewsets import QualityViewSetGroup

# A survey is written by its commands only: sent by a job or a process, answered by the customer.
register_permission_policy(Survey, ReadOnlyPermissionPolicy(Survey))
register_snippet(QualityViewSetGroup)

EVENTS = {
    "quality.send_survey": _("Survey sent"),
    "quality.remind_survey": _("Survey reminder sent"),
    "quality.answer_survey": _("Survey answered"),
}


@hooks.register("register_log_actions")
def register_quality_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("QualityEventFormatter", (EventLogFormatter,), {"label": label})
        )
