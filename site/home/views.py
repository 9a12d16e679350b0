"""The language switcher's view."""

from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language


@csrf_exempt
def switch_language(request):
    """Django's `set_language`, then on to this page's own translation.

    Each language has its own page tree, where a page's address may differ
    (`/about/`, `/en/about-us/`): the switcher sends every language's address of
    the page (`next_<code>`) and the visitor lands on the one they picked.
    Switching language only sets a cookie; without a CSRF token the public pages
    carry no per-visitor cookie and caches can share them.
    """
    response = set_language(request)
    if request.method != "POST" or response.status_code != 302:
        return response
    target = request.POST.get(f"next_{request.POST.get('language', '')}", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        response["Location"] = target
    return response
