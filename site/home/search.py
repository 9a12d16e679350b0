"""Site search over the pages and the equipment catalogue.

Chinese has no spaces between words, so a full-text index that splits on
spaces finds 挖土機 only as a whole "word". Visitors type a fragment
(挖土, 高空), so the search matches substrings (`icontains`), which works the
same on SQLite and PostgreSQL: of the catalogue's fields, and of each page's
whole published text (`page_text.py`), in the visitor's language tree only.
The site is small enough for that to be quick.
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Locale, Page

from catalogue.models import (
    LIST_PHOTO,
    CataloguePage,
    in_visitor_language,
    published_models,
    with_photos,
)
from workflows.core.languages import SIMPLIFIED, to_traditional, visitor_language
from workflows.fleet.models import EquipmentCategoryText, EquipmentModelText

MAX_RESULTS = 30
EXCERPT_WIDTH = 40


def search_pages(query, locale):
    """Live public pages of `locale` with `query` anywhere in their published text.

    The text is the title, the description and the body (rich text and every
    StreamField block, see `page_text.py`); a page saved before its text was kept
    is still found by its title and description.
    """
    text = (
        Q(text_for_search__text__icontains=query)
        | Q(title__icontains=query)
        | Q(search_description__icontains=query)
    )
    pages = list(
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)
        .filter(text)
        .annotate(found_in=F("text_for_search__text"))
        .order_by("path")[:MAX_RESULTS]
    )
    for page in pages:
        page.excerpt = excerpt(page.found_in or "", query)
    return pages


def excerpt(text, query, width=EXCERPT_WIDTH):
    """The words around the first place `query` occurs in `text`, for the results list."""
    at = text.casefold().find(query.casefold())
    if at < 0:
        return ""
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search_equipment(query, language=None):
    """Published models with `query` in their text as the visitor reads it.

    That is the stored (Traditional Chinese) text and the texts written in the
    visitor's language; in Simplified Chinese the query is also looked for
    converted to Traditional Chinese, as the pages show the stored text
    converted where no Simplified text was written.
    """
    language = visitor_language(language)
    queries = {query}
    if language == SIMPLIFIED:
        queries.add(to_traditional(query))
    text = Q()
    for fragment in queries:
        text |= (
            Q(name__icontains=fragment)
            | Q(maker__icontains=fragment)
            | Q(code__icontains=fragment)
            | Q(specification__icontains=fragment)
            | Q(category__name__icontains=fragment)
        )
        if language != settings.LANGUAGE_CODE:
            model_texts = EquipmentModelText.objects.filter(
                Q(name__icontains=fragment) | Q(specification__icontains=fragment),
                equipment_model=OuterRef("pk"),
                language=language,
            )
            category_texts = EquipmentCategoryText.objects.filter(
                category=OuterRef("category"), language=language, name__icontains=fragment
            )
            text |= Q(Exists(model_texts)) | Q(Exists(category_texts))
    found = with_photos(published_models().filter(text), LIST_PHOTO)[:MAX_RESULTS]
    return in_visitor_language(found)


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
