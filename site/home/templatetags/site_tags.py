"""Template tags shared by every public page (`base.html`)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Page, Site

from contact.channels import published_channels
from home.i18n import local_url
from home.navigation import resolve_menu
from home.prices import format_price, format_price_from
from home.seo import local_business

register = template.Library()


@register.simple_tag(takes_context=True)
def consultation_channels(context):
    """The published consultation channels, read once per request.

    Usage: `{% consultation_channels as channels %}`.
    """
    return published_channels(context.get("request"))


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The live pages below the home page in the visitor's language marked *Show in menus*.

    The fallback when Marketing has not written a main menu yet.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return list(site.root_page.localized.get_children().live().in_menu())


@register.simple_tag(takes_context=True)
def site_menu(context, name):
    """The links of a menu Marketing edits ("main" or "footer"), in the visitor's language.

    Usage: `{% site_menu "main" as menu %}`.
    """
    return resolve_menu(name, context.get("request"))


@register.simple_tag(takes_context=True)
def language_switch_next(context):
    """The current URL in the default language, for the language switcher's `next`.

    Django's `set_language` view runs in the default language (its URL has no
    prefix), so it can only translate a URL it can resolve in that language: it
    would read `/en/about/` as a page called "en". Handing it the unprefixed URL
    lets it add the prefix of the language the visitor picked.
    """
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in every language, for `<link rel="alternate" hreflang>` and the switcher.

    Each locale has its own page tree, so the other language's address comes from
    the page's published translation (its slug may differ), keeping any path
    below the page (a catalogue model). A language without a published
    translation falls back to this address with that language's prefix, where
    the default language's page is shown with that language's interface.
    """
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    translated = _translated_urls(context.get("page"), request)
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": request.build_absolute_uri(translated.get(code) or translate_url(path, code)),
            "path": translated.get(code) or translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
    ]


def _translated_urls(page, request):
    if not isinstance(page, Page) or not page.pk:
        return {}
    own_url = page.get_url(request) or ""
    remainder = request.path[len(own_url) :] if own_url and request.path.startswith(own_url) else ""
    urls = {}
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        url = translation.get_url(request)
        if url:
            urls[translation.locale.language_code] = url + remainder
    return urls


SAFE_LINK_SCHEMES = ("tel:", "mailto:", "https://", "http://", "sms:")


@register.filter
def safe_href(url):
    """The link if it opens a phone, mail or web address; "" for anything else.

    A channel's link is typed by an editor; a `javascript:` link on every public
    page would run in every visitor's browser.
    """
    url = str(url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    return url if url.lower().startswith(SAFE_LINK_SCHEMES) else ""


@register.filter
def tel_href(number):
    """A `tel:` link for a phone number written for people, e.g. "(02) 2345-6789"."""
    digits = "".join(ch for ch in str(number or "") if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


@register.filter
def price(amount, currency="TWD"):
    """`{{ model.deposit|price:model.currency }}` → `NT$6,500`."""
    return format_price(amount, currency)


@register.filter
def price_from(amount, currency="TWD"):
    """`{{ model.rate_day|price_from:model.currency }}` → `NT$6,500 起`."""
    return format_price_from(amount, currency)


@register.simple_tag(takes_context=True)
def local_business_json_ld(context, contact):
    """`<script type="application/ld+json">` describing the company (schema.org LocalBusiness)."""
    return local_business(contact, context.get("request"))


@register.simple_tag(takes_context=True)
def localurl(context, page):
    """`{% localurl page %}`: the page's address under the visitor's language prefix."""
    return local_url(page, context.get("request"))
