"""Reading a process model's transitions: labels, sources, permissions.

django-fsm keeps each transition's metadata on the method; this module turns
it into what the admin needs (buttons, the work queue, audit labels) without
anyone listing the transitions a second time.

A model may hold more than one state machine, each an FSM field with its own
transitions (a suggestion's `state` and its `reward_state`). The **primary**
machine is the field named `state` (or the only FSM field): its state is the
record's state, the one `FINAL_STATES`, the deadline (`due_at`),
`state_changed_at` and escalation refer to. The other machines are secondary:
their transitions are buttons, History entries and work-queue entries like any
other, but they leave the record's deadline alone (see `perform_transition`).
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django_fsm import ANY_OTHER_STATE, ANY_STATE, FSMFieldMixin, Transition

PRIMARY_FIELD = "state"


@dataclass(frozen=True)
class TransitionSpec:
    name: str
    label: str
    sources: tuple
    target: object
    permission: object
    style: str  # "primary", "secondary" or "danger": how the button looks
    field: str = PRIMARY_FIELD  # the name of the FSM field this transition moves
    #: Run by a service as one step of another command (never a button, never in the
    #: work queue); declared with `custom={"automatic": True}`.
    automatic: bool = False

    def has_perm(self, user, instance=None):
        if user.is_superuser:
            return True
        if not self.permission:
            return False  # every transition of this project names its permission
        if callable(self.permission):
            return bool(instance is not None and self.permission(instance, user))
        return user.has_perm(self.permission)


@cache
def state_fields(model):
    """Every FSM field of `model`, the primary one first, then in declaration order."""
    fields = [f for f in model._meta.concrete_fields if isinstance(f, FSMFieldMixin)]
    if not fields:
        raise LookupError(f"{model.__name__} has no FSM field")
    fields.sort(key=lambda f: f.name != PRIMARY_FIELD)
    return tuple(fields)


def state_field(model, name=None):
    """The FSM field `name` of `model`; by default its primary one (see the module docstring)."""
    fields = state_fields(model)
    if name is None:
        return fields[0]
    for field in fields:
        if field.name == name:
            return field
    raise LookupError(f"{model.__name__} has no FSM field {name!r}")


def is_primary(model, field_name):
    return state_field(model).name == field_name


def state_labels(model, field_name=None):
    """{state: label} of one FSM field (the primary one by default)."""
    return dict(state_field(model, field_name).choices)


@cache
def transition_specs(model):
    """{name: TransitionSpec} for every transition of every FSM field of `model`.

    Primary field first, each in declaration order. A transition name is the
    method's name, so it is unique on the model; two fields claiming the same
    name would make buttons, URLs and History entries ambiguous, and are refused.
    """
    specs = {}
    for field in state_fields(model):
        grouped = {}
        for transition in field.get_all_transitions(model):
            grouped.setdefault(transition.name, []).append(transition)
        for name, transitions in grouped.items():
            if name in specs:
                raise ImproperlyConfigured(
                    f"{model.__name__}: the transition {name!r} is declared for both "
                    f"{specs[name].field!r} and {field.name!r}; give each its own name."
                )
            first: Transition = transitions[0]
            custom = first.custom or {}
            specs[name] = TransitionSpec(
                name=name,
                label=custom.get("label", name.replace("_", " ").capitalize()),
                sources=tuple(t.source for t in transitions),
                target=first.target,
                permission=first.permission,
                style=custom.get("style", "secondary"),
                field=field.name,
                automatic=bool(custom.get("automatic", False)),
            )
    return specs


def get_spec(model, name):
    try:
        return transition_specs(model)[name]
    except KeyError:
        raise LookupError(f"{model.__name__} has no transition {name!r}") from None


def current_state(record, spec):
    """The state of the field `spec` moves, as `record` holds it."""
    return state_field(type(record), spec.field).get_state(record)


def available_transitions(record, user):
    """The transitions this user may start from the record's states, every machine's.

    Conditions are not checked here: many depend on what the user is about to
    enter (a reply, a salesperson), so the confirmation form asks for it and
    the service checks every condition on the locked row. Automatic transitions
    are never offered.
    """
    result = []
    for spec in transition_specs(type(record)).values():
        if spec.automatic:
            continue
        meta = getattr(record, spec.name)._django_fsm
        if not meta.has_transition(current_state(record, spec)):
            continue
        if spec.has_perm(user, record):
            result.append(spec)
    return result


def states_actionable_by(model, user, field=None):
    """States of `field` (the primary one by default) from which this user may move a
    record of `model`, conditions aside.

    The primary machine's `FINAL_STATES` wait for nobody; a secondary machine has
    no such list: a state waits for the user exactly when a transition they may
    start leaves it.
    """
    fsm_field = state_field(model, field)
    all_states = [value for value, _label in fsm_field.choices]
    states = set()
    for spec in transition_specs(model).values():
        if spec.field != fsm_field.name or spec.automatic or not spec.has_perm(user):
            continue
        for source in spec.sources:
            if source in (ANY_STATE, ANY_OTHER_STATE):
                states.update(all_states)
            else:
                states.add(source)
    if is_primary(model, fsm_field.name):
        states -= set(getattr(model, "FINAL_STATES", ()))
    return states


def waiting_condition(model, user, fields=None):
    """A `Q` of the records of `model` one of whose machines waits for this user, or None.

    `fields`: the FSM field names to consider, every one by default.
    """
    condition = None
    for fsm_field in state_fields(model):
        if fields is not None and fsm_field.name not in fields:
            continue
        states = states_actionable_by(model, user, fsm_field.name)
        if states:
            q = Q(**{f"{fsm_field.name}__in": sorted(states)})
            condition = q if condition is None else condition | q
    return condition


def process_models():
    """Every concrete process model of the project, for registries and reports."""
    from .models import ProcessRecord

    return [
        model
        for model in apps.get_models()
        if issubclass(model, ProcessRecord) and not model._meta.abstract
    ]
