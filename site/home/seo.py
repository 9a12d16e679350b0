"""What search engines and link previews read: sitemap, robots.txt, structured data.

The sitemap lists every published page of every language's tree, each with
its translations as `hreflang` alternates, so that a search engine shows a
reader the page in their own language.
"""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class LocalisedSitemap(Sitemap):
    """Every live public page of every locale, with `hreflang` alternates."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return (
            pages.live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .select_related("locale")
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        by_key = {}
        for item in items:
            by_key.setdefault(item.translation_key, []).append(item)
        urls = []
        last_mods = set()
        for item in items:
            alternates = [
                {
                    "lang_code": other.locale.language_code,
                    "location": other.get_full_url(self.request),
                }
                for other in by_key[item.translation_key]
            ]
            for url_info in item.get_sitemap_urls(self.request):
                url_info.setdefault("alternates", alternates)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@cache_control(public=True, max_age=3600)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": LocalisedSitemap})


@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /track/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def local_business(contact, request):
    """schema.org `LocalBusiness` of the company, from the contact details Marketing keeps."""
    if contact is None or not contact.company_name:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": contact.company_name,
        "url": request.build_absolute_uri("/") if request is not None else "",
    }
    if contact.hotline:
        data["telephone"] = contact.hotline
    if contact.email:
        data["email"] = contact.email
    if contact.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": contact.address,
            "addressCountry": "TW",
        }
    if contact.opening_hours:
        data["openingHours"] = contact.opening_hours
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
