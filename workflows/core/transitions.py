"""Reading a process model's transitions: labels, sources, permissions.

django-fsm keeps each transition's metadata on the method; this module turns
it into what the admin needs (buttons, the work queue, audit labels) without
anyone listing the transitions a second time.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django_fsm import ANY_OTHER_STATE, ANY_STATE, FSMFieldMixin, Transition


@dataclass(frozen=True)
class TransitionSpec:
    name: str
    label: str
    sources: tuple
    target: object
    permission: object
    style: str  # "primary", "secondary" or "danger": how the button looks

    def has_perm(self, user, instance=None):
        if user.is_superuser:
            return True
        if not self.permission:
            return False  # every transition of this project names its permission
        if callable(self.permission):
            return bool(instance is not None and self.permission(instance, user))
        return user.has_perm(self.permission)


def state_field(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, FSMFieldMixin):
            return field
    raise LookupError(f"{model.__name__} has no FSM field")


@cache
def transition_specs(model):
    """{name: TransitionSpec} for every transition of `model`, in declaration order."""
    field = state_field(model)
    grouped = {}
    for transition in field.get_all_transitions(model):
        grouped.setdefault(transition.name, []).append(transition)
    specs = {}
    for name, transitions in grouped.items():
        first: Transition = transitions[0]
        custom = first.custom or {}
        specs[name] = TransitionSpec(
            name=name,
            label=custom.get("label", name.replace("_", " ").capitalize()),
            sources=tuple(t.source for t in transitions),
            target=first.target,
            permission=first.permission,
            style=custom.get("style", "secondary"),
        )
    return specs


def get_spec(model, name):
    try:
        return transition_specs(model)[name]
    except KeyError:
        raise LookupError(f"{model.__name__} has no transition {name!r}") from None


def available_transitions(record, user):
    """The transitions this user may start from the record's state.

    Conditions are not checked here: many depend on what the user is about to
    enter (a reply, a salesperson), so the confirmation form asks for it and
    the service checks every condition on the locked row.
    """
    field = state_field(type(record))
    specs = transition_specs(type(record))
    result = []
    for transition in field.get_all_transitions(type(record)):
        spec = specs[transition.name]
        if spec in result:
            continue
        meta = getattr(record, transition.name)._django_fsm
        state = field.get_state(record)
        if not meta.has_transition(state):
            continue
        if spec.has_perm(user, record):
            result.append(spec)
    return result


def states_actionable_by(model, user):
    """States from which this user may move a record of `model` (conditions aside)."""
    all_states = [value for value, _label in state_field(model).choices]
    states = set()
    for spec in transition_specs(model).values():
        if not spec.has_perm(user):
            continue
        for source in spec.sources:
            if source in (ANY_STATE, ANY_OTHER_STATE):
                states.update(all_states)
            else:
                states.add(source)
    return states - set(model.FINAL_STATES)


def process_models():
    """Every concrete process model of the project, for registries and reports."""
    from .models import ProcessRecord

    return [
        model
        for model in apps.get_models()
        if issubclass(model, ProcessRecord) and not model._meta.abstract
    ]
