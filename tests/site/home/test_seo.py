"""Search engines find every language version; link previews and the company's details are there."""

import json
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class TestSitemap:
    def test_lists_every_page_of_every_locale_with_its_hreflang_alternates(
        self, client, public_site
    ):
        response = client.get("/sitemap.xml")

        assert response.status_code == 200
        root = ET.fromstring(response.content)  # noqa: S314 (our own response)
        entries = {
            url.find("s:loc", NS).text: {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
            for url in root.findall("s:url", NS)
        }
        assert len(entries) == 3 * len(public_site["zh-hant"])
        about = {
            "zh-hant": "http://localhost/about/",
            "zh-hans": "http://localhost/zh-hans/about/",
            "en": "http://localhost/en/about/",
        }
        for location in about.values():
            assert entries[location] == about
        assert entries["http://localhost/en/"]["zh-hant"] == "http://localhost/"

    def test_leaves_out_drafts(self, client, public_site):
        about = public_site["en"]["about"]
        about.refresh_from_db()
        about.unpublish()

        response = client.get("/sitemap.xml")

        assert b"/en/about/" not in response.content
        assert b'hreflang="en" href="http://localhost/en/about/"' not in response.content


class TestRobots:
    def test_points_at_the_sitemap_and_keeps_out_of_the_admin(self, client):
        response = client.get("/robots.txt")

        assert response.status_code == 200
        assert "Disallow: /admin/" in response.text
        assert "Sitemap: http://testserver/sitemap.xml" in response.text


class TestPageMetadata:
    def test_hreflang_links_point_at_each_translation(self, client, html, public_site):
        links = html(client.get("/zh-hans/about/")).find_all("link", rel="alternate")

        assert {link["hreflang"]: link["href"] for link in links} == {
            "zh-hant": "http://testserver/about/",
            "zh-hans": "http://testserver/zh-hans/about/",
            "en": "http://testserver/en/about/",
        }

    def test_a_page_description_is_used_else_the_sites_default(self, client, html, public_site):
        from contact.models import ContactSettings

        settings = ContactSettings.load()
        settings.default_description = "台北設備租賃"
        settings.save()
        about = public_site["zh-hant"]["about"]
        about.search_description = "關於大安設備租賃"
        about.save_revision().publish()

        about_page = html(client.get("/about/"))
        home = html(client.get("/"))

        assert (
            about_page.find("meta", attrs={"name": "description"})["content"] == "關於大安設備租賃"
        )
        assert about_page.find("meta", property="og:description")["content"] == "關於大安設備租賃"
        assert home.find("meta", attrs={"name": "description"})["content"] == "台北設備租賃"
        assert home.find("meta", property="og:title")["content"] == "首頁"
        assert home.find("meta", property="og:url")["content"] == "http://testserver/"

    def test_the_company_is_described_as_a_local_business(self, client, html, public_site):
        script = html(client.get("/en/")).find("script", type="application/ld+json")

        data = json.loads(script.string)

        assert data["@type"] == "LocalBusiness"
        assert data["name"] == "大安設備租賃股份有限公司"
        assert data["telephone"] == "(02) 2345-6789"
        assert data["address"]["streetAddress"].startswith("台北市大安區")

    def test_markup_in_the_company_name_cannot_end_the_script(self, client, public_site):
        from contact.models import ContactSettings

        settings = ContactSettings.load()
        settings.company_name = "</script><script>alert(1)</script>"
        settings.save()

        response = client.get("/")

        assert b"</script><script>alert(1)" not in response.content
