"""Consultation reply timeliness (P7.3): every consultation counts, promised or not."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, DateTimeField, F, Q, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Consultation


@dataclass
class Timeliness:
    due: int
    in_time: int

    @property
    def rate(self):
        """Share of replies given on time, or None when none fell due."""
        return None if self.due == 0 else self.in_time / self.due


def reply_deadline():
    """The promised time when a reply was promised, otherwise the channel's reply time
    from receipt (the deadline the consultation had when it arrived)."""
    from contact.models import ConsultationChannel

    hours = sorted(
        set(ConsultationChannel.objects.order_by().values_list("reply_within_hours", flat=True))
    )
    by_channel = Case(
        *(
            When(channel__reply_within_hours=h, then=F("received_at") + timedelta(hours=h))
            for h in hours
        ),
        default=None,
        output_field=DateTimeField(),
    )
    return Coalesce("reply_due_at", by_channel, output_field=DateTimeField())


def replies_due(start, end, now=None):
    """Every consultation whose reply deadline lies in [start, end) and has passed, or that
    was already replied to (an early reply counts). A reply is the answer or the hand-over
    to Sales, whichever happened. Annotated with `reply_deadline`, `replied_at` and
    `replied_in_time`."""
    now = now or timezone.now()
    return (
        Consultation.objects.annotate(
            reply_deadline=reply_deadline(),
            replied_at=Coalesce("answered_at", "handed_at", output_field=DateTimeField()),
        )
        .filter(reply_deadline__gte=start, reply_deadline__lt=end)
        .filter(Q(reply_deadline__lte=now) | Q(replied_at__isnull=False))
    )


IN_TIME = Q(replied_at__lte=F("reply_deadline"))


def reply_timeliness(start, end, now=None):
    """Replies given by their deadline ÷ consultations whose reply fell due. Two queries
    (the channels' reply times, then one aggregate)."""
    totals = replies_due(start, end, now).aggregate(
        due=Count("pk"), in_time=Count("pk", filter=IN_TIME)
    )
    return Timeliness(due=totals["due"], in_time=totals["in_time"])
