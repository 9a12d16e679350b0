"""Fixtures for the public intake tests.

`form_page` (the "leave a message" page at /message/), `website_channel`, the
staff users and the cache clean-up come from `tests/conftest.py`.
"""

import pytest
from bs4 import BeautifulSoup

#: The form page in English, so that tests read Django's and the project's messages as written.
FORM_URL = "/en/message/"


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST to the form page as a browser would, running what waits for the commit (the email).

    Tests run inside a transaction that never commits, so `on_commit` work
    (delivering the acknowledgement) is run here by hand, once per request.
    """

    def post(data, url=FORM_URL, *, using=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (using or client).post(url, data, **extra)

    return post


@pytest.fixture
def html():
    """Parse a response's HTML, to look at one part of the page."""

    def parse(response):
        return BeautifulSoup(response.content, "html.parser")

    return parse


@pytest.fixture
def field_block(html):
    """The block of the form that holds one field: its label, input and error messages."""

    def find(response, name):
        block = html(response).select_one(f'form.intake-form div.field:has([name="{name}"])')
        assert block is not None, f"no block for the field {name!r} in the form"
        return block

    return find
