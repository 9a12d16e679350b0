"""Searching the requirement and contract template listings answers, never a server error."""

import pytest
from django.urls import reverse

from tests.workflows.leasing.factories import ContractTemplateFactory, RequirementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name, factory",
    [
        ("wagtailsnippets_leasing_requirement:list_results", RequirementFactory),
        ("wagtailsnippets_leasing_contracttemplate:list_results", ContractTemplateFactory),
        ("wagtailsnippets_leasing_requirement:list", RequirementFactory),
        ("wagtailsnippets_leasing_contracttemplate:list", ContractTemplateFactory),
    ],
    ids=["requirement-results", "template-results", "requirement", "template"],
)
def test_search_answers(client, staff, url_name, factory):
    factory()
    client.force_login(staff["admin"])
    client.raise_request_exception = True
    response = client.get(reverse(url_name) + "?q=台北")
    assert response.status_code == 200
