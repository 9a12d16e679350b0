import pytest

from tests.site.catalogue.factories import CataloguePageFactory


@pytest.fixture
def catalogue_page(home_page, website_channel):
    """The catalogue at /catalogue/, filing quote requests under the website channel."""
    return CataloguePageFactory(parent=home_page)
