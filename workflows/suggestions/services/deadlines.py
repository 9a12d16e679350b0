"""Escalating suggestions left past their deadline (P9.7: "within the set time")."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.services import log_event

from ..models import Suggestion, SuggestionSettings
from .messages import escalation_recipients, tell_escalation


def escalate_overdue(now=None, batch=500):
    """Escalate every open suggestion past its deadline, once per deadline.

    Set-based: one query finds them, one update marks them; each escalation is
    one History entry and one message per recipient (the setting's contact, or
    Management). A new deadline (the next state) can be escalated again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(
            Suggestion.objects.open()
            .select_for_update()
            .filter(due_at__lt=now, escalated_at__isnull=True)
            .order_by("due_at")[:batch]
        )
        if not overdue:
            return 0
        recipients = escalation_recipients(SuggestionSettings.load())
        Suggestion.objects.filter(pk__in=[s.pk for s in overdue]).update(escalated_at=now)
        for suggestion in overdue:
            log_event(suggestion, "core.escalate", note=_("deadline passed"))
            tell_escalation(suggestion, recipients)
    return len(overdue)
