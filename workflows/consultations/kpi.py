"""Consultation reply timeliness (P7.3: consultation reply timeliness rate)."""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import Consultation


@dataclass
class Timeliness:
    due: int
    in_time: int

    @property
    def rate(self):
        """Share of promised replies given on time, or None when none fell due."""
        return None if self.due == 0 else self.in_time / self.due


def reply_timeliness(start, end, now=None):
    """Promised replies answered within the promise ÷ promised replies that fell due.

    A promise falls due in the period [start, end) when its deadline lies in it
    and has passed, or when it was already answered (an early answer counts).
    One aggregate query.
    """
    now = now or timezone.now()
    promised = Consultation.objects.filter(reply_due_at__gte=start, reply_due_at__lt=end).filter(
        Q(reply_due_at__lte=now) | Q(answered_at__isnull=False)
    )
    totals = promised.aggregate(
        due=Count("pk"),
        in_time=Count("pk", filter=Q(answered_at__lte=F("reply_due_at"))),
    )
    return Timeliness(due=totals["due"], in_time=totals["in_time"])
