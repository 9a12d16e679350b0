from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter

from .viewsets import BillingGroup

register_snippet(BillingGroup)

EVENTS = {
    "billing.add_line": _("Line added"),
    "billing.credit_note": _("Credit note issued"),
    "billing.send_notice": _("Payment notice sent"),
    "billing.reminder": _("Reminder sent"),
    "billing.log_call": _("Collection call logged"),
    "billing.decision": _("Collection decision recorded"),
    "billing.deduct": _("Deducted from the deposit"),
    "billing.refund_deposit": _("Deposit refunded"),
}


@hooks.register("register_log_actions")
def register_billing_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("BillingEventFormatter", (EventLogFormatter,), {"label": label})
        )
