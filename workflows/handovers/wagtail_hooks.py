from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter

from .viewsets import HandoverViewSetGroup, urls

register_snippet(HandoverViewSetGroup)

EVENTS = {
    "handovers.tick_item": _("Preparation item ticked"),
    "handovers.record_problem": _("Acceptance problem recorded"),
    "handovers.fix_problem": _("Problem fixed"),
    "handovers.reinspect_problem": _("Problem re-inspected"),
    "handovers.accept_unit": _("Unit accepted"),
    "handovers.sign": _("Signed"),
    "handovers.upload_signed_checklist": _("Signed checklist uploaded"),
    "handovers.receive_unit": _("Unit received back"),
    "handovers.record_damage": _("Damage recorded"),
}


@hooks.register("register_log_actions")
def register_handover_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("HandoverEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_admin_urls")
def register_handover_urls():
    return urls()
