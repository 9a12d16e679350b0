"""The customer answers a satisfaction survey (P7.2) behind its private link.

The token rules are those of complaint tracking (workflows/core/tracking.py): a
wrong, partial or short token gets the same 404 as any other; the page is never
cached or indexed and is shown in the language the customer was asked in.
"""

from contextlib import suppress

from django import forms as dj_forms
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from workflows.quality.choices import DIMENSIONS
from workflows.quality.exceptions import SurveyNotAccepted
from workflows.quality.models import Survey
from workflows.quality.models.surveys import MIN_TOKEN_LENGTH
from workflows.quality.services import answer_survey

SCORES = [
    (5, _("5 — very good")),
    (4, _("4 — good")),
    (3, _("3 — acceptable")),
    (2, _("2 — poor")),
    (1, _("1 — very poor")),
]


class SurveyForm(dj_forms.Form):
    comment = dj_forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {
            name: dj_forms.TypedChoiceField(
                label=label, choices=SCORES, coerce=int, widget=dj_forms.RadioSelect
            )
            for name, label in DIMENSIONS
        }
        self.fields = {**scores, **self.fields}


def find_survey(token):
    """The survey this token belongs to, or None: one indexed query, none for a short token."""
    if not token or len(token) < MIN_TOKEN_LENGTH:
        return None
    return Survey.objects.filter(token=token).first()


def _render(request, survey, form=None, status=200):
    response = TemplateResponse(
        request,
        "intake/survey.html",
        {"survey": survey, "form": form},
        status=status,
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # "same-origin" rather than "no-referrer": the latter makes browsers send
    # "Origin: null" with the form, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def survey(request, token):
    """Answer once; any other token gets the same 404."""
    found = find_survey(token)
    if found is None:
        raise Http404
    with translation.override(found.language):
        if request.method != "POST" or found.answered:
            return _render(request, found, None if found.answered else SurveyForm()).render()
        form = SurveyForm(request.POST)
        if not form.is_valid():
            return _render(request, found, form, status=400).render()
        # Answered from another tab meanwhile: the page it returns to says so.
        with suppress(SurveyNotAccepted):
            answer_survey(found, **form.cleaned_data)
    return redirect(request.path)
