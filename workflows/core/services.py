"""The one way a record changes state (DESIGN.md, "The one mechanism", step 2).

Every business command of every process calls `perform_transition`: it locks
the row, re-checks the permission and the transition's conditions on what the
database holds now, runs the transition, keeps the deadline, saves, writes the
History entry and leaves side effects to run after commit.
"""

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition
from wagtail.log_actions import log

from .exceptions import RecordChanged, TransitionNotAvailable, TransitionPermissionDenied
from .transitions import get_spec, is_primary, state_field

UNSET = object()


def action_name(model, transition_name):
    return f"{model._meta.app_label}.{transition_name}"


def lock(model, pk):
    return model._default_manager.select_for_update().get(pk=pk)


def perform_transition(
    record,
    name,
    *,
    user,
    note="",
    expected_state=None,
    prepare=None,
    due_at=UNSET,
    log_data=None,
    kwargs=None,
):
    """Move `record` by transition `name` for `user`; return the saved, fresh record.

    - `expected_state`: the state the user saw, of the field this transition
      moves; if the record has moved since, `RecordChanged` is raised and
      nothing changes.
    - `prepare(record)`: sets the fields the transition needs (a reply, an
      assignee) on the locked row before the transition's conditions are checked.
    - `due_at`: the new deadline; by default `record.deadline_for(new_state)`.
    - Must be called inside the caller's `transaction.atomic()` when the caller
      adds its own writes; it opens one itself otherwise.

    The deadline belongs to the primary machine (the `state` field): its
    transitions set `state_changed_at`, clear `escalated_at` and set `due_at`.
    A transition of a secondary machine (a suggestion's reward) leaves all three
    as they are, unless its service passes `due_at` explicitly: then that is the
    record's new deadline, which may be escalated again.
    """
    model = type(record)
    spec = get_spec(model, name)
    field = state_field(model, spec.field)
    with transaction.atomic():
        fresh = lock(model, record.pk)
        from_state = field.get_state(fresh)
        if expected_state is not None and from_state != expected_state:
            raise RecordChanged(fresh, expected_state, from_state)
        if user is not None and not spec.has_perm(user, fresh):
            raise TransitionPermissionDenied(f"{user} may not {name} {fresh!r}")
        if prepare is not None:
            prepare(fresh)
        method = getattr(fresh, name)
        meta = method._django_fsm
        if not meta.has_transition(from_state):
            raise TransitionNotAvailable(fresh, name)
        if not meta.conditions_met(fresh, from_state):
            reason = _failed_condition(fresh, meta, from_state)
            raise TransitionNotAvailable(fresh, name, reason=reason)
        method(**(kwargs or {}))
        to_state = field.get_state(fresh)
        if is_primary(model, spec.field):
            now = timezone.now()
            fresh.state_changed_at = now
            fresh.escalated_at = None
            if due_at is UNSET:
                delta = fresh.deadline_for(to_state)
                due_at = now + delta if delta is not None else None
            fresh.due_at = due_at
        elif due_at is not UNSET:
            fresh.due_at = due_at
            fresh.escalated_at = None
        try:
            fresh.save()
        except ConcurrentTransition as exc:  # a path that did not lock got there first
            current = model._default_manager.get(pk=record.pk)
            raise RecordChanged(fresh, from_state, field.get_state(current)) from exc
        data = {"from": from_state, "to": to_state, "field": spec.field, "note": note}
        if log_data:
            data.update(log_data)
        log(fresh, action_name(model, name), user=user, data=data)
    return fresh


def _failed_condition(record, meta, state=None):
    if state is None:
        state = meta.field.get_state(record)  # the field this transition moves
    transition = meta.get_transition(state)
    for condition in transition.conditions:
        if not condition(record):
            return str(getattr(condition, "message", "") or condition.__doc__ or "").strip()
    return ""


def log_event(record, action, *, user=None, **data):
    """A History entry for something other than a state change (an escalation, a copy sent)."""
    return log(record, action, user=user, data=data)


def log_events(records, action, *, user=None, **data):
    """The same History entry for many records in one query (periodic jobs, bulk work)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    now = timezone.now()
    entries = [
        ModelLogEntry(
            content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            object_id=str(record.pk),
            label=str(record)[:255],
            action=action,
            timestamp=now,
            data=data,
            user=user,
        )
        for record in records
    ]
    return ModelLogEntry.objects.bulk_create(entries, batch_size=500)
