"""Fixtures for the public website's tests.

`home_page` (a HomePage served by the default site at `/`) and the cache clean-up
come from `tests/conftest.py`, shared with the intake form tests.
"""

import pytest
from bs4 import BeautifulSoup

from .factories import ChannelIndexPageFactory, ContactSettingsFactory, StandardPageFactory


@pytest.fixture
def channel_page(home_page):
    return ChannelIndexPageFactory(parent=home_page, slug="channels")


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, slug="about")


@pytest.fixture
def contact(db):
    return ContactSettingsFactory()


@pytest.fixture
def html():
    """Parse a response's HTML, to look at one part of the page."""

    def parse(response):
        return BeautifulSoup(response.content, "html.parser")

    return parse


@pytest.fixture
def locales(db):
    """The three content locales: zh-hant (default), zh-hans, en."""
    from wagtail.models import Locale

    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code in ("zh-hant", "zh-hans", "en")
    }


def translate_tree(home, locale, retitle=None):
    """Copy every page of `home`'s tree into `locale` and publish it, as Marketing would.

    `retitle` maps a Traditional Chinese title to the one the copy gets.
    """
    from wagtail.models import Page

    copies = {}
    for page in Page.objects.descendant_of(home, inclusive=True).order_by("path").specific():
        copy = page.copy_for_translation(locale, copy_parents=False)
        if retitle and page.title in retitle:
            copy.title = retitle[page.title]
            copy.save()
        copy.save_revision().publish()
        copies[page.pk] = copy
    return copies


@pytest.fixture
def public_site(home_page, locales, website_channel):
    """Every public page in three languages, with a main menu and a footer menu.

    {"zh-hant": {name: page}, "zh-hans": {...}, "en": {...}}.
    """
    from home.models import Menu, MenuName
    from tests.forms.factories import ConsultationFormPageFactory
    from tests.site.catalogue.factories import CataloguePageFactory
    from tests.workflows.complaints.factories import ComplaintFormPageFactory
    from tests.workflows.suggestions.factories import SuggestionFormPageFactory

    from .factories import ContactSettingsFactory

    ContactSettingsFactory()
    pages = {
        "home": home_page,
        "catalogue": CataloguePageFactory(parent=home_page),
        "message": ConsultationFormPageFactory(parent=home_page, channel=website_channel),
        "complaint": ComplaintFormPageFactory(parent=home_page, slug="complaint"),
        "suggestion": SuggestionFormPageFactory(parent=home_page, slug="suggestion"),
        "channels": ChannelIndexPageFactory(parent=home_page, slug="channels"),
        "about": StandardPageFactory(parent=home_page, slug="about"),
    }
    website_channel.page = pages["message"]
    website_channel.save()

    def item(page, children=()):
        return {
            "type": "item",
            "value": {
                "page": page.pk,
                "url": "",
                "label": "",
                "children": [{"page": c.pk, "url": "", "label": ""} for c in children],
            },
        }

    block = Menu._meta.get_field("items").stream_block
    Menu.objects.create(
        name=MenuName.MAIN,
        locale=locales["zh-hant"],
        items=block.to_python(
            [
                item(pages["catalogue"]),
                item(pages["channels"], [pages["complaint"], pages["suggestion"]]),
                item(pages["about"]),
            ]
        ),
    )
    Menu.objects.create(
        name=MenuName.FOOTER,
        locale=locales["zh-hant"],
        items=block.to_python([item(pages["home"], [pages["catalogue"], pages["about"]])]),
    )
    by_language = {"zh-hant": pages}
    for code in ("zh-hans", "en"):
        copies = translate_tree(home_page, locales[code])
        by_language[code] = {name: copies[page.pk] for name, page in pages.items()}
    return by_language
