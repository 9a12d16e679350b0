"""The published text of every page, kept as one plain column for the site search.

Wagtail's search index splits text into words on spaces; Chinese has none, so a
fragment (挖土, 高空) would only be found as a whole "word". The site search
matches substrings instead (`icontains`, the same on SQLite and PostgreSQL),
which needs the page's text somewhere a database can look into: a StreamField is
JSON (on SQLite with its Chinese escaped as `\\uXXXX`) full of block names and
markup.

So each page's text — title, search description and every field the page type
lists in its `search_fields`, rich text without its tags and StreamField blocks
by their searchable content — is kept in `PageText`, refreshed whenever the page
row is saved. The page row holds the published content (drafts live in
revisions), so the text is always what visitors can read.
`manage.py update_page_text` rebuilds it for pages saved before this existed.
"""

import re

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from modelsearch.index import SearchField
from wagtail.models import Page

SPACES = re.compile(r"\s+")


class PageText(models.Model):
    page = models.OneToOneField(
        Page,
        verbose_name=_("page"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="text_for_search",
    )
    text = models.TextField(_("text"), blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("page text for search")
        verbose_name_plural = _("page texts for search")

    def __str__(self):
        return str(self.page_id)


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return _flatten(list(value.values()))
    return [force_str(value)]


def text_of(page):
    """Everything a visitor can read on `page` (a specific page), as one line of text."""
    texts = [page.title, page.search_description]
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name not in ("title",):
            texts.extend(_flatten(field.get_value(page)))
    return SPACES.sub(" ", " ".join(text for text in texts if text)).strip()


def _text_fields(page_class):
    return {"title", "search_description"} | {
        field.field_name
        for field in page_class.get_search_fields()
        if isinstance(field, SearchField)
    }


def update_text(page):
    if type(page) is not page.specific_class:
        page = page.specific
    PageText.objects.update_or_create(page_id=page.pk, defaults={"text": text_of(page)})


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page) or instance.depth is None or instance.depth <= 1:
        return
    # Saving a draft only touches the page's bookkeeping fields; its text is in the revision.
    if update_fields is not None and not set(update_fields) & _text_fields(type(instance)):
        return
    update_text(instance)


def update_all():
    """Refresh the text of every page; returns how many."""
    pages = Page.objects.filter(depth__gt=1).specific()
    count = 0
    for page in pages:
        update_text(page)
        count += 1
    return count
