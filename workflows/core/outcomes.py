"""What a command did beyond moving the record, told to the person who ran it.

A command returns its record, so that every caller (the transition view, bulk
actions, jobs, tests) stays the same. When what happened is not obvious from
the new state ("the reply went by SMS", "nothing was sent"), the service notes
it on the record it returns with `tell()`, and the transition view shows it
with its success message (`told()`). Nothing is stored: the outbox and the
History hold the proof; this is only what the person sees right after.
"""

_ATTRIBUTE = "_command_outcomes"


def tell(record, message):
    """Note `message` (already translated) for the user who ran the command on `record`."""
    record.__dict__.setdefault(_ATTRIBUTE, []).append(str(message))
    return record


def told(record):
    """The messages the command noted on `record`, in order; empty if none."""
    return list(getattr(record, "__dict__", {}).get(_ATTRIBUTE, ()))
