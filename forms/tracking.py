"""The public tracking page behind a private link (see workflows/core/tracking.py)."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from workflows.core.tracking import find_by_token


def track(request, token):
    """Stage and published updates for the holder of the link; 404 for any other token.

    Both are written now, in the language of the page being read (stored updates hold
    states and message codes), whoever published them and in whatever language.
    """
    record = find_by_token(token)
    if record is None:
        raise Http404
    context = {
        "record": record,
        "kind": record._meta.verbose_name,
        "stage": record.public_stage(),
        "updates": list(record.public_updates()),
        **record.public_extra(request),
    }
    response = TemplateResponse(request, "intake/tracking.html", context)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
