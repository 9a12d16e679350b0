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
