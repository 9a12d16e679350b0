"""The demo site in three languages, translated and reviewed the way Marketing works."""

import pytest
from django.utils import translation
from wagtail.models import Page

from contact.channels import published_channels
from fixtures import demo
from fixtures.demo_english import CJK
from home.models import PageText, StandardPage
from home.translation import to_simplified

pytestmark = pytest.mark.django_db


def _live(code):
    return Page.objects.live().filter(locale__language_code=code, depth__gt=1)


def test_the_demo_site_is_translated_reviewed_and_loads_twice():
    users = demo.load()
    pages = Page.objects.count()
    demo.load()
    marketing = users["marketing"]

    assert Page.objects.count() == pages
    # English pages are written in English, not Chinese under English titles.
    english = _live("en")
    assert english.count() >= 7  # every public page (the staff section is not translated)
    for page in english:
        text = PageText.objects.get(page=page).text
        assert not CJK.search(text), (page.url_path, CJK.findall(text)[:20])
    # The home page's list blocks (services, steps, quotes, questions) are translated too.
    home = PageText.objects.get(page=english.get(depth=2)).text
    assert home.startswith("Home Equipment rental with one team from enquiry to return")
    assert "Short and long-term rental" in home and "5. Return and settlement" in home
    # The Simplified Chinese pages hold no Traditional character OpenCC would change.
    for page in _live("zh-hans"):
        text = PageText.objects.get(page=page).text
        assert to_simplified(text, "t2s") == text, page.url_path
    with translation.override("en"):
        for channel in published_channels():
            shown = f"{channel.name} {channel.service_hours} {channel.description}"
            assert not CJK.search(shown), shown
    titles = set(english.values_list("title", flat=True))
    assert {"Home", "Equipment catalogue", "Make a complaint", "About us"} <= titles
    # Both translations were saved as drafts, then published by Marketing.
    for code in ("zh-hans", "en"):
        for page in _live(code):
            assert page.live_revision.user == marketing, page.url_path
    assert _live("zh-hans").get(depth=2).title == "首页"
    # A later change to the about page waits as a Simplified Chinese draft for review.
    about = StandardPage.objects.get(locale__language_code="zh-hans", slug="about")
    news = "客服专线全年无休受理设备故障"
    assert about.has_unpublished_changes
    assert news in str(about.get_latest_revision_as_object().body)
    assert news not in str(about.body)
    assert news not in PageText.objects.get(page=about).text
