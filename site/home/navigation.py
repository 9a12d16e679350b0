"""Menus Marketing edits: the main menu and the footer menu.

A menu is a snippet holding ordered links, each to a page of the site or to
an address (a `tel:`, `mailto:` or web link), with links one level below it.
Links to pages follow the visitor's language: the menu names the page once and
shows its translation in each locale, so a menu is written once per site.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin


class MenuName(models.TextChoices):
    MAIN = "main", _("Main menu")
    FOOTER = "footer", _("Footer menu")


class LinkBlock(blocks.StructBlock):
    """One link: a page (its title is the label unless one is given) or an address."""

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("address"),
        required=False,
        max_length=300,
        help_text=_("Instead of a page: a tel:, mailto: or https:// link."),
    )
    label = blocks.CharBlock(
        label=_("label"),
        required=False,
        max_length=80,
        help_text=_("The text of the link; the page title if left empty."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("A link to an address needs a label."))}
            )
        return value


class MenuItemBlock(LinkBlock):
    children = blocks.ListBlock(LinkBlock(), label=_("links below this one"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Menu item")


class Menu(TranslatableMixin, models.Model):
    """The links of one menu, in the order Marketing set."""

    name = models.CharField(_("menu"), max_length=20, choices=MenuName.choices)
    items = StreamField(
        [("item", MenuItemBlock())], verbose_name=_("links"), blank=True, use_json_field=True
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="one_menu_of_a_name_per_locale")
        ]

    def __str__(self):
        return self.get_name_display()


def resolve_menu(name, request=None):
    """The links of menu `name` in the active language, as dicts ready to show.

    `[{"label", "url", "page_id", "children": [...]}]`. Linked pages are read in
    one query, in the visitor's locale where translated and published, so the
    menu costs the same few queries however long it is. A link to a page that is
    not live in any language is left out.
    """
    try:
        locale = Locale.get_active()
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return []  # a site with no content language yet has no menus either
    menu = (
        Menu.objects.filter(name=name, locale=locale).first()
        or Menu.objects.filter(name=name, locale=default).first()
    )
    if menu is None:
        return []
    raw = list(menu.items.raw_data)
    page_ids = set()
    for item in raw:
        value = item["value"]
        if value.get("page"):
            page_ids.add(value["page"])
        for child in value.get("children") or []:
            child_value = child.get("value", child)
            if child_value.get("page"):
                page_ids.add(child_value["page"])
    pages = pages_in_locale(page_ids, locale)

    def link(value):
        page = pages.get(value.get("page")) if value.get("page") else None
        if value.get("page") and page is None:
            return None
        url = page.get_url(request) if page is not None else _safe_url(value.get("url"))
        if not url:
            return None
        return {
            "label": value.get("label") or (page.title if page is not None else url),
            "url": url,
            "page_id": page.pk if page is not None else None,
        }

    links = []
    for item in raw:
        entry = link(item["value"])
        if entry is None:
            continue
        entry["children"] = [
            child_link
            for child in item["value"].get("children") or []
            if (child_link := link(child.get("value", child))) is not None
        ]
        links.append(entry)
    return links


def pages_in_locale(page_ids, locale):
    """{chosen page id: the live page to show} in `locale`, else the chosen page itself."""
    if not page_ids:
        return {}
    chosen = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids).only("id", "translation_key", "locale_id")
    }
    keys = {page.translation_key for page in chosen.values()}
    live = {}
    for page in Page.objects.live().filter(translation_key__in=keys).select_related("locale"):
        live.setdefault(page.translation_key, {})[page.locale_id] = page
    resolved = {}
    for pk, page in chosen.items():
        translations = live.get(page.translation_key, {})
        shown = translations.get(locale.pk) or translations.get(page.locale_id)
        if shown is not None:
            resolved[pk] = shown
    return resolved


SAFE_LINK_SCHEMES = ("tel:", "mailto:", "https://", "http://", "/", "#")


def _safe_url(url):
    url = str(url or "").strip()
    if url.startswith("//"):
        return ""
    return url if url.lower().startswith(SAFE_LINK_SCHEMES) else ""
