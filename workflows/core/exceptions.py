"""What can go wrong when someone moves a record, in the words staff read."""

from django.core.exceptions import PermissionDenied


class TransitionError(Exception):
    """Base of every refusal a transition service can give."""


class RecordChanged(TransitionError):
    """Someone else moved the record after this user looked at it.

    Not an error on the user's part: the confirmation view turns it into a
    friendly message and shows the record as it is now.
    """

    def __init__(self, record, seen_state, current_state):
        self.record = record
        self.seen_state = seen_state
        self.current_state = current_state
        super().__init__(f"{record!r} moved from {seen_state} to {current_state} meanwhile")


class TransitionNotAvailable(TransitionError):
    """The transition does not start from the record's state, or a condition fails."""

    def __init__(self, record, name, reason=""):
        self.record = record
        self.name = name
        self.reason = reason
        super().__init__(reason or f"{name} is not available for {record!r}")


class CommandPermissionDenied(PermissionDenied):
    """The user may not run this command; every view answers 403 and nothing changes."""


class TransitionPermissionDenied(CommandPermissionDenied, TransitionError):
    """The user may not perform this transition; views answer 403."""
