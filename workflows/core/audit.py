"""History entries for transitions (DESIGN.md step 4).

Each transition of each process model is a registered Wagtail log action
`<app>.<transition>`; its message names the states it moved between, in the
labels of the state machine (FSM field) it moved, and its comment is the note
the user gave.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from .transitions import process_models, state_labels, transition_specs


class TransitionLogFormatter(LogFormatter):
    model = None
    #: The FSM field the transition moves; entries written before `data["field"]`
    #: existed fall back to it.
    field = None

    def state_label(self, value, field=None):
        try:
            labels = state_labels(self.model, field or self.field)
        except LookupError:  # a field since removed: show the stored value
            return value
        return labels.get(value, value)

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if "from" not in data and "to" not in data:
            return str(self.label)  # logged as an event before it became a transition
        field = data.get("field")
        return _("%(action)s: %(from)s → %(to)s") % {
            "action": self.label,
            "from": self.state_label(data.get("from", ""), field),
            "to": self.state_label(data.get("to", ""), field),
        }

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("note", "")


class EventLogFormatter(LogFormatter):
    """An event that is not a state change; `data["note"]` says what happened."""

    def format_message(self, log_entry):
        note = (log_entry.data or {}).get("note", "")
        return f"{self.label}: {note}" if note else str(self.label)


#: Events every process may log besides its transitions.
EVENTS = {
    "core.escalate": _("Escalated past its deadline"),
    "core.notify": _("Message sent"),
    "core.publish_update": _("Update published to the submitter"),
}


class ImportLogFormatter(LogFormatter):
    """A confirmed import (on its ImportRun): the file and what it did, from the entry's data."""

    label = _("File imported")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        values = {key: data.get(key, 0) for key in ("new", "updated", "unchanged", "skipped")}
        values["file"] = data.get("file", "")
        return (
            _(
                "Imported %(file)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged, "
                "%(skipped)s rows skipped"
            )
            % values
        )


class ImportedLogFormatter(EventLogFormatter):
    """A record created or changed by an import; `data["note"]` names the file."""

    label = _("Imported")


def register_actions(actions):
    actions.register_action("core.import")(ImportLogFormatter)
    actions.register_action("core.imported")(ImportedLogFormatter)
    for model in process_models():
        for spec in transition_specs(model).values():
            formatter = type(
                f"{model.__name__}{spec.name.title()}Formatter",
                (TransitionLogFormatter,),
                {"model": model, "label": spec.label, "field": spec.field},
            )
            actions.register_action(f"{model._meta.app_label}.{spec.name}")(formatter)
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("EventFormatter", (EventLogFormatter,), {"label": label})
        )
