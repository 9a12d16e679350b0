"""The staff section is for logged-in staff only and never reaches a shared cache."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workflows.core import roles

pytestmark = pytest.mark.django_db


def urls(pages):
    extra = [pages[0].url + "search/?q=租金"]
    return [page.url for page in pages] + extra


class TestAnonymousVisitor:
    def test_gets_the_login_page_for_every_staff_page(self, client, staff_pages):
        login = reverse("wagtailadmin_login")
        assert len(staff_pages) >= 6
        for url in urls(staff_pages):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(f"{login}?next="), url
            assert client.get(response["Location"]).status_code == 200

    def test_cannot_post_a_quiz(self, client, course):
        response = client.post(course.url, {"attempt": "00000000-0000-0000-0000-000000000001"})
        assert response.status_code == 302
        assert course.url not in response["Location"].split("?")[0]

    def test_no_staff_response_is_publicly_cacheable(self, client, staff_pages):
        for url in urls(staff_pages):
            assert "public" not in client.get(url).get("Cache-Control", ""), url

    def test_does_not_get_what_staff_saw_before(self, client, staff_pages):
        reader = UserFactory(username="reader", roles=[roles.FINANCE])
        client.force_login(reader)
        for url in urls(staff_pages):
            assert client.get(url).status_code == 200, url
        client.logout()
        for url in urls(staff_pages):
            assert client.get(url).status_code == 302, url


class TestLoggedInStaff:
    @pytest.mark.parametrize("role", roles.ROLES, ids=roles.ROLES)
    def test_every_role_reads_the_section_privately(self, client, staff_pages, role):
        client.force_login(UserFactory(username="reader", roles=[role]))
        for url in urls(staff_pages):
            response = client.get(url)
            assert response.status_code == 200, url
            cache_control = response["Cache-Control"]
            assert "private" in cache_control and "no-store" in cache_control, url
            assert "public" not in cache_control, url
            assert "Cookie" in response["Vary"], url

    def test_search_finds_staff_pages_only_inside_the_section(self, client, course, home_page):
        client.force_login(UserFactory(username="reader", roles=[roles.SALES]))
        response = client.get(course.staff_index.url + "search/", {"q": course.title})
        assert response.status_code == 200
        assert course.url in response.content.decode()

    def test_the_section_has_its_own_navigation(self, client, course):
        client.force_login(UserFactory(username="reader", roles=[roles.SALES]))
        html = client.get(course.url).content.decode()
        assert 'class="staff-nav"' in html
        assert course.get_parent().url in html
