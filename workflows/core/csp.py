"""Content-Security-Policy on every response (Django 5.2 has none built in).

Public pages run no inline script and load everything from this site: a script
injected into a page (a visitor's text shown without escaping, say) does not
run. The Wagtail admin needs inline scripts and styles of its own, so its
policy allows those, but still loads from this site only, may be framed by
this site only (previews) and posts forms to this site only. A response that
already has a policy (the sandboxed private files) keeps its own.
"""

from django.conf import settings

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'self'"
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response:
            return response
        admin = request.path.startswith(ADMIN_PREFIXES)
        policy = getattr(settings, "CSP_ADMIN" if admin else "CSP_PUBLIC", None)
        response["Content-Security-Policy"] = policy or (ADMIN_POLICY if admin else PUBLIC_POLICY)
        return response
