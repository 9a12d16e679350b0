"""HTTP caching of the public content pages.

Anonymous visitors all see the same page for a given URL (the language is part
of the URL), so browsers and proxies may keep it for a few minutes and spare
the application servers. Pages that carry a form must not use this: their CSRF
token and error messages belong to one visitor.
"""

from http import HTTPMethod

from django.conf import settings
from django.contrib import messages
from django.utils.cache import patch_cache_control, patch_vary_headers


class CacheablePageMixin:
    """Serve a read-only page with `Cache-Control: public` to anonymous visitors.

    Everything else is `private, no-cache`: logged-in users (editors see the
    user bar and drafts must never reach a shared cache), pages behind a view
    restriction, responses that show a one-off message, and any error response.
    `Vary: Cookie` keeps a browser from reusing the anonymous copy once the user
    has logged in, and a proxy from mixing visitors' CSRF tokens.
    """

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.is_publicly_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie",))
        return response

    def is_publicly_cacheable(self, request, response):
        return (
            request.method in {HTTPMethod.GET, HTTPMethod.HEAD}
            and response.status_code == 200
            and not request.user.is_authenticated
            and not getattr(request, "is_preview", False)
            and not len(messages.get_messages(request))
            and not self.get_view_restrictions().exists()
        )
