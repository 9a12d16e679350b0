"""One refusal policy: a user without permission gets the same 403 page everywhere.

Wagtail's admin turns a raised `PermissionDenied` into a redirect to the
dashboard with a message, which hides the refusal from tests and scripts and
differs from view to view. Every view of this project (transitions, commands,
imports, prints, reports) answers 403 with the page `403.html` instead, and
changes nothing. (Pages of the public site keep Django's `403.html`.)
"""

import functools

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse


def refuse(request, exception=None):
    """The 403 response every project view gives a user without permission."""
    response = TemplateResponse(request, "core/403.html", {"exception": exception}, status=403)
    return response.render()


def refuse_in_admin(request):
    """Wagtail's own refusal (`wagtail.admin.auth.permission_denied`), made the same 403.

    Wagtail redirects a refused user to the dashboard with a message; its snippet,
    chooser, history and report views all refuse through that one function, which
    the core app replaces with this at start-up. Script requests keep Wagtail's
    behaviour (a raised PermissionDenied, which Django answers with 403).
    """
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return refuse(request)


def user_may(user, permission, record=None):
    if permission is None:
        return True
    if callable(permission):
        return bool(permission(user, record))
    return user.has_perm(permission)


class RefusalMixin:
    """For class-based views: `refusal_permission` ("app.codename" or a callable
    `(user, record)`, checked before anything else; or override `has_refusal_permission()`),
    and any `PermissionDenied` the view, Wagtail's own checks or a command raise becomes the
    same 403. (Not `permission_required`: Wagtail's generic views use that name for their
    own action names, which this mixin must neither replace nor switch off.)"""

    refusal_permission = None

    def has_refusal_permission(self):
        return user_may(self.request.user, self.refusal_permission)

    def dispatch(self, request, *args, **kwargs):
        if not self.has_refusal_permission():
            return refuse(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            return refuse(request, exc)


def refuse_unless(permission):
    """For function views: 403 unless the user has `permission`; a `PermissionDenied`
    raised inside becomes the same 403."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not user_may(request.user, permission):
                return refuse(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return refuse(request, exc)

        return wrapped

    return decorate
