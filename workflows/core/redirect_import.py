"""A guard in front of Wagtail's redirect import confirmation.

Wagtail's confirm step (`wagtailredirects:import_process`) reads its signed hidden fields
in the form's `clean()` before checking that they are there, so a POST without them is a
server error (KeyError) instead of the 400 Wagtail means to give for a tampered form. This
view answers that POST with 400 and hands everything else to Wagtail's view unchanged
(its own permission check included), behind the admin's login check as every admin URL.
"""

from django.core.exceptions import SuspiciousOperation
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.views import process_import
from wagtail.permissions import policy_registry

#: The signed fields Wagtail's import form puts in the confirmation page.
SIGNED_FIELDS = ("import_file_name", "input_format")


@require_admin_access
def guarded_process_import(request):
    may_import = policy_registry.get_by_type(Redirect).user_has_permission(request.user, "add")
    if request.method == "POST" and may_import:
        missing = [name for name in SIGNED_FIELDS if not request.POST.get(name)]
        if missing:
            raise SuspiciousOperation(
                "Redirect import confirmation without its signed fields: " + ", ".join(missing)
            )
    return process_import(request)
