"""Finding a consultation in the admin listing by part of a name, a phone or a reference."""

import pytest
from django.urls import reverse

from tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_consultations_consultation:list"


@pytest.fixture
def listing(client, cs):
    client.force_login(cs)

    def search(query, **params):
        response = client.get(reverse(LIST), {"q": query, **params})
        assert response.status_code == 200
        return response.content.decode()

    return search


class TestSearchingConsultations:
    def test_part_of_a_chinese_name_finds_it(self, listing):
        ConsultationFactory(customer_name="王小明", reference="C2611-000111")
        ConsultationFactory(customer_name="李大華", reference="C2611-000222")
        page = listing("小明")
        assert "C2611-000111" in page
        assert "C2611-000222" not in page

    def test_part_of_a_phone_number_finds_it(self, listing):
        ConsultationFactory(phone="0912-345-678", reference="C2611-000333")
        assert "C2611-000333" in listing("345-678")

    def test_a_search_can_be_combined_with_the_overdue_filter(self, listing):
        ConsultationFactory(customer_name="王小明", reference="C2611-000444")
        assert "C2611-000444" not in listing("王", overdue="true")
