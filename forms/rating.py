"""The complainant rates how their complaint was handled (P9.5), behind the private link."""

from contextlib import suppress

from django import forms as dj_forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from workflows.complaints.choices import ComplaintState
from workflows.complaints.exceptions import RatingNotAccepted
from workflows.complaints.models import Complaint
from workflows.complaints.services import rate_complaint
from workflows.core.tracking import find_by_token

SCORES = [
    (5, _("5 — very satisfied")),
    (4, _("4 — satisfied")),
    (3, _("3 — neither")),
    (2, _("2 — dissatisfied")),
    (1, _("1 — very dissatisfied")),
]


class RatingForm(dj_forms.Form):
    satisfaction = dj_forms.TypedChoiceField(
        label=_("How satisfied are you with how we handled your complaint?"),
        choices=SCORES,
        coerce=int,
        widget=dj_forms.RadioSelect,
    )
    comment = dj_forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 4}),
    )


def _render(request, complaint, form=None, status=200):
    response = TemplateResponse(
        request,
        "intake/complaint_rating.html",
        {
            "record": complaint,
            "form": form,
            "closed": complaint.state == ComplaintState.CLOSED,
            "tracking_url": complaint.get_tracking_url(),
        },
        status=status,
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The private link stays off other sites' logs; "no-referrer" would make browsers send
    # "Origin: null" with the form, which Django's CSRF check rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def rate(request, token):
    """Rate once, after closing; any other token gets the same 404 as the tracking page."""
    complaint = find_by_token(token)
    if not isinstance(complaint, Complaint):
        raise Http404
    may_rate = complaint.state == ComplaintState.CLOSED and not complaint.rated
    if request.method != "POST" or not may_rate:
        return _render(request, complaint, RatingForm() if may_rate else None)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render(request, complaint, form, status=400)
    # Rated from another tab meanwhile: the page it returns to says it is rated.
    with suppress(RatingNotAccepted):
        rate_complaint(
            complaint,
            satisfaction=form.cleaned_data["satisfaction"],
            comment=form.cleaned_data["comment"],
        )
    return redirect(request.path)
