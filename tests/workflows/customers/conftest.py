import pytest
from django.urls import clear_url_caches

from tests.factories import ConsultationFactory
from workflows.consultations import services as consultations


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its messages.

    Django keeps the public URLs' language prefixes per language once built; they
    are dropped afterwards so that later tests see `/en/...` again.
    """
    settings.LANGUAGE_CODE = "en"
    yield
    clear_url_caches()


@pytest.fixture
def handed_consultation(cs, sales):
    """A consultation Customer Service handed to Sales (P2.1)."""

    def build(**fields):
        consultation = ConsultationFactory(**fields)
        return consultations.hand_to_sales(
            consultation, user=cs, salesperson=sales, sales_need="20 噸挖土機 3 個月，新北工地"
        )

    return build
