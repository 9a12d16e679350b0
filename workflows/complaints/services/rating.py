"""The complainant rates how their complaint was handled, once, after closing (P9.5)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.services import log_event

from ..choices import ComplaintState as S
from ..exceptions import RatingNotAccepted
from ..models import Complaint


@command(model=Complaint, public=True)
def rate_complaint(complaint, *, satisfaction, comment=""):
    """Store the rating: 1 (very dissatisfied) to 5 (very satisfied), with an optional comment.

    Public: the complainant rates through the private link of the tracking page,
    without an account; no staff member rates in their place.

    One conditional update, so two tabs sending at once store one rating.
    """
    if satisfaction not in range(1, 6):
        raise RatingNotAccepted(
            {"satisfaction": _("Choose from 1 to 5.")}, code="satisfaction_out_of_range"
        )
    comment = (comment or "").strip()
    with transaction.atomic():
        updated = Complaint.objects.filter(
            pk=complaint.pk, state=S.CLOSED, satisfaction__isnull=True
        ).update(satisfaction=satisfaction, rating_comment=comment, rated_at=timezone.now())
        if not updated:
            current = Complaint.objects.get(pk=complaint.pk)
            if current.rated:
                raise RatingNotAccepted(
                    _("This complaint has already been rated. Thank you."), code="already_rated"
                )
            raise RatingNotAccepted(
                _("The complaint can be rated once it is closed."), code="not_closed"
            )
        complaint = Complaint.objects.get(pk=complaint.pk)
        log_event(
            complaint,
            "complaints.rate",
            note=f"{satisfaction}/5" + (f": {comment}" if comment else ""),
        )
    return complaint
