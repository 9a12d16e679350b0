"""Escalation of records left past their deadline (DESIGN.md step 5), for every process.

A process declares on its model whom its overdue records go to:

    escalation = Escalation(roles=[SUPERVISION], note=_("deadline passed"))

and the one periodic job escalates every process the same way, set-based: one
query finds every overdue record not yet escalated (the whole backlog, in one
run), one update marks them, one insert writes their History entries, and
each person told gets one message listing their records. A record is
escalated once per deadline: a new deadline (its next state) clears the mark.
Two runs at the same moment do the work once: rows are claimed under a lock
(`SKIP LOCKED` on PostgreSQL), and the second run finds them marked.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MessageChannel
from .notifications import queue_message
from .people import members, people_to_tell
from .records import history_entries
from .registry import index_url, inspect_url

#: At most this many records are listed in one message; the link opens the rest.
LISTED = 20


@dataclass(frozen=True)
class Escalation:
    """Who hears of a record of this process past its deadline.

    - `lead`: a function returning the one person who stands for the role (a
      lead chosen in the service levels), or None; when set and active, only
      the lead is told.
    - `roles`: the roles told otherwise (group names).
    - `department_field`: a field of the record naming the department (group)
      that owns it; its members are told, and `roles` when it is empty.
    - `states`: the states that escalate; every open state when empty.
    - `note`: the History note of the escalation.
    """

    roles: tuple = ()
    lead: Any = None
    department_field: str = ""
    states: tuple = ()
    note: Any = field(default=_("deadline passed"))

    def recipients(self, records):
        """{user: [records]} for these overdue records."""
        told = {}
        if self.department_field:
            by_department = {}
            for record in records:
                department = getattr(record, self.department_field) or ""
                by_department.setdefault(department, []).append(record)
            for department, group in by_department.items():
                people = members(department) if department else []
                for user in people or people_to_tell(roles=self.roles):
                    told.setdefault(user, []).extend(group)
            return told
        lead = self.lead() if self.lead is not None else None
        for user in people_to_tell(lead=lead, roles=self.roles):
            told[user] = list(records)
        return told


def escalated_models():
    from .transitions import process_models

    return [model for model in process_models() if getattr(model, "escalation", None)]


def overdue_to_escalate(model, now):
    rule = model.escalation
    queryset = model._default_manager.filter(due_at__lt=now, escalated_at__isnull=True)
    queryset = queryset.filter(state__in=rule.states) if rule.states else queryset.open()
    lock = {}
    if connection.features.has_select_for_update_skip_locked:
        lock["skip_locked"] = True
    if connection.features.has_select_for_update_of:
        lock["of"] = ("self",)
    return queryset.select_for_update(**lock).order_by("due_at", "pk")


def escalate_overdue(model, now=None):
    """Escalate every overdue record of `model` not escalated yet; return how many."""
    rule = model.escalation
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(overdue_to_escalate(model, now))
        if not overdue:
            return 0
        model._default_manager.filter(pk__in=[r.pk for r in overdue]).update(escalated_at=now)
        history_entries(overdue, "core.escalate", data={"note": str(rule.note)}, timestamp=now)
        for user, records in rule.recipients(overdue).items():
            tell_escalation(model, user, records, now)
    return len(overdue)


def tell_escalation(model, user, records, now):
    """One in-app message to `user` listing their overdue records of `model`."""
    single = len(records) == 1
    queue_message(
        channel=MessageChannel.IN_APP,
        template="core/escalation",
        context={
            "model_name": model._meta.verbose_name_plural,
            "records": records[:LISTED],
            "count": len(records),
            "more": max(len(records) - LISTED, 0),
        },
        record=records[0] if single else None,
        user=user,
        link=inspect_url(records[0]) if single else index_url(model) + "?overdue=true",
        dedupe_key=f"escalation:{model._meta.label_lower}:{now:%Y%m%d%H%M%S%f}:{user.pk}",
    )


def escalate_all(now=None):
    """Escalate every process that declares an escalation: {model label: how many}."""
    now = now or timezone.now()
    return {model._meta.label_lower: escalate_overdue(model, now) for model in escalated_models()}
