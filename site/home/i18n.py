"""Addresses of pages in the visitor's language."""

from django.conf import settings
from django.utils.translation import get_language


def local_url(page, request=None):
    """The page's address under the language the visitor is reading.

    A page not translated yet is served from the default language's tree under
    every prefix (`/en/message/` shows the Traditional Chinese page with the
    English interface). Its own URL has no prefix, so links and redirects on such
    a page keep the visitor's prefix rather than switching their language.
    """
    url = page.get_url(request) or ""
    language = get_language()
    if (
        language
        and language != settings.LANGUAGE_CODE
        and page.locale.language_code == settings.LANGUAGE_CODE
        and url.startswith("/")
        and not url.startswith("//")
    ):
        return f"/{language}{url}"
    return url
