"""Site search over the pages and the equipment catalogue.

Chinese has no spaces between words, so a full-text index that splits on
spaces finds 挖土機 only as a whole "word". Visitors type a fragment
(挖土, 高空), so the search matches substrings (`icontains`), which works the
same on SQLite and PostgreSQL. The site is small enough for that to be quick.
"""

from django.conf import settings
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Locale, Page

from catalogue.models import LIST_PHOTO, CataloguePage, published_models, with_photos

MAX_RESULTS = 30


def search_pages(query, locale):
    """Live public pages of `locale` whose title, description or introduction holds `query`."""
    from home.models import StandardPage

    text = (
        Q(title__icontains=query)
        | Q(search_description__icontains=query)
        | Q(pk__in=StandardPage.objects.filter(intro__icontains=query).values("pk"))
    )
    return list(
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)
        .filter(text)
        .order_by("path")[:MAX_RESULTS]
    )


def search_equipment(query):
    text = (
        Q(name__icontains=query)
        | Q(maker__icontains=query)
        | Q(code__icontains=query)
        | Q(specification__icontains=query)
        | Q(category__name__icontains=query)
    )
    return list(with_photos(published_models().filter(text), LIST_PHOTO)[:MAX_RESULTS])


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    locale = Locale.get_active()
    pages, equipment, catalogue = [], [], None
    if query:
        pages = search_pages(query, locale)
        equipment = search_equipment(query)
        if equipment:
            catalogue = (
                CataloguePage.objects.live().filter(locale=locale).first()
                or CataloguePage.objects.live().first()
            )
    response = TemplateResponse(
        request,
        "home/search_results.html",
        {"query": query, "pages": pages, "equipment": equipment, "catalogue": catalogue},
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS)
    patch_vary_headers(response, ("Cookie",))
    return response
