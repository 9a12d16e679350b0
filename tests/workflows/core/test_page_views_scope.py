"""Wagtail page views that checked nothing on GET: the move confirmation and the workflow
task chooser open only for users who may act (workflows/core/scope.py)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.site.factories import StandardPageFactory
from workflows.core import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    about = StandardPageFactory(parent=home_page, title="關於我們", slug="about")
    team = StandardPageFactory(parent=home_page, title="內部名單", slug="team")
    return about, team


def confirm_url(page, destination):
    return reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])


def test_marketing_may_confirm_a_move_it_may_make(client, staff, pages):
    team, about = pages[1], pages[0]
    client.force_login(staff[roles.MARKETING])
    response = client.get(confirm_url(team, about))
    assert response.status_code == 200
    response = client.post(confirm_url(team, about))
    assert response.status_code == 302
    assert Page.objects.get(pk=team.pk).get_parent().pk == about.pk


@pytest.mark.parametrize("role", [roles.SALES, roles.HR, roles.SUPERVISION])
def test_a_role_that_may_not_move_pages_gets_no_move_confirmation(client, staff, pages, role):
    team, about = pages[1], pages[0]
    client.force_login(staff[role])
    response = client.get(confirm_url(team, about))
    assert response.status_code == 403
    assert "內部名單" not in response.content.decode()
    assert client.post(confirm_url(team, about)).status_code == 403
    assert Page.objects.get(pk=team.pk).get_parent().pk == team.get_parent().pk


def test_a_move_into_the_page_itself_is_refused_even_to_an_administrator(client, staff, pages):
    about = pages[0]
    client.force_login(staff["admin"])
    assert client.get(confirm_url(about, about)).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"), [(roles.SALES, 403), (roles.MARKETING, 403), ("admin", 200)]
)
def test_the_task_chooser_opens_only_for_workflow_editors(client, staff, role, status):
    client.force_login(staff[role])
    for name in ("task_chooser", "task_chooser_results"):
        response = client.get(reverse(f"wagtailadmin_workflows:{name}"))
        assert response.status_code == status, name
