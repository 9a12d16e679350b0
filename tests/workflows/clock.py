"""Time travel for tests of deadlines: the services read the time from `timezone.now()`."""

from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def at(moment):
    """Run the block as if it were `moment` (an aware datetime)."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield moment
