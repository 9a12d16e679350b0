"""A visitor finds every form by following links from the home page, in every language."""

from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PREFIXES = {"zh-hant": "", "zh-hans": "/zh-hans", "en": "/en"}
NOT_PAGES = ("/admin/", "/documents/", "/i18n/", "/track/")
FORMS = ["message", "complaint", "suggestion"]


def in_language(path, language):
    others = [p for code, p in PREFIXES.items() if p and code != language]
    if any(path.startswith(prefix + "/") for prefix in others):
        return False
    return path.startswith(PREFIXES[language] + "/")


def walk(client, language, limit=60):
    """{path: parsed page} of every page reachable by links from the home page."""
    start = PREFIXES[language] + "/"
    seen, queue = {}, deque([start])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        seen[path] = BeautifulSoup(response.content, "html.parser")
        for anchor in seen[path].find_all("a", href=True):
            href = urldefrag(anchor["href"])[0]
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or not href.startswith("/"):
                continue
            if href.startswith(NOT_PAGES) or not in_language(href, language):
                continue
            if href not in seen:
                queue.append(href)
    return seen


@pytest.mark.parametrize("language", list(PREFIXES))
def test_every_form_is_reached_from_the_home_page_by_links_alone(client, public_site, language):
    pages = public_site[language]

    reached = walk(client, language)

    for name in [*FORMS, "catalogue", "channels", "about"]:
        url = pages[name].url
        assert url in reached, f"{name} ({url}) not reachable in {language}"
    for name in FORMS:
        page = reached[pages[name].url]
        assert page.find("html")["lang"] == language
        assert page.select_one("form.intake-form[method=post]") is not None, name
    catalogue = reached[pages["catalogue"].url]
    assert catalogue.find("html")["lang"] == language


def test_the_website_channel_card_leads_to_the_message_form(client, html, public_site):
    response = client.get(public_site["en"]["channels"].url)

    card = html(response).select_one(".channel-card--website")

    assert card.find("a", href=public_site["en"]["message"].url) is not None


def test_menu_links_lead_to_the_pages_in_the_visitors_language(client, html, public_site):
    nav = html(client.get("/zh-hans/")).select_one("nav.site-nav")

    hrefs = [a["href"] for a in nav.find_all("a")]

    assert hrefs == [
        public_site["zh-hans"]["catalogue"].url,
        public_site["zh-hans"]["channels"].url,
        public_site["zh-hans"]["complaint"].url,
        public_site["zh-hans"]["suggestion"].url,
        public_site["zh-hans"]["about"].url,
    ]
    assert all(href.startswith("/zh-hans/") for href in hrefs)


def test_the_footer_menu_nests_one_level(client, html, public_site):
    footer = html(client.get("/en/")).select_one("nav.footer-nav")

    group = footer.select_one(".footer-nav__group")

    assert group.select_one(".footer-nav__heading a")["href"] == "/en/"
    assert [a["href"] for a in group.select(".footer-nav__sub a")] == [
        "/en/catalogue/",
        "/en/about/",
    ]


def test_the_language_switcher_keeps_the_visitor_on_the_same_page(client, html, public_site):
    about_en = public_site["en"]["about"]
    about_en.slug = "about-us"
    about_en.save_revision().publish()
    form = html(client.get("/zh-hans/about/")).select_one("form.language-switcher")
    data = {field["name"]: field["value"] for field in form.find_all("input", type="hidden")}

    response = client.post("/i18n/setlang/", {**data, "language": "en"})

    assert response.status_code == 302
    assert response["Location"] == "/en/about-us/"
