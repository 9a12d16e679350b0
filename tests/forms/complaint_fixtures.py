"""Fixtures of the complaint form tests: the page, the contact details, what was stored.

Test modules import the `*_fixture` functions; pytest knows them by their
`name`, so a test asks for `complaint_page`, `contact` or `fresh_storage`.
"""

import pytest

from tests.site.factories import ContactSettingsFactory
from tests.workflows.complaints.factories import ComplaintFormPageFactory
from workflows.complaints.models import Complaint, ComplaintAttachment
from workflows.core.models import OutboundMessage

#: The complaint page in English, so that tests read the messages as written.
COMPLAINT_URL = "/en/complaint/"


@pytest.fixture(name="fresh_storage", autouse=True)
def fresh_storage_fixture(settings):
    """An empty in-memory file storage for each test, so that "nothing stored" can be seen."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture(name="contact")
def contact_fixture(db):
    from contact.models import ContactSettings

    ContactSettings.objects.all().delete()
    return ContactSettingsFactory()


@pytest.fixture(name="complaint_page")
def complaint_page_fixture(home_page, contact):
    """The complaint page at /complaint/, with the complaint hotline and mailbox set."""
    return ComplaintFormPageFactory(parent=home_page)


def stored_files(folder="complaints"):
    """Every file under `folder` in the private storage (evidence is never public media)."""
    try:
        folders, files = ComplaintAttachment._meta.get_field("file").storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}" for name in files]
    for sub in folders:
        found += stored_files(f"{folder}/{sub}")
    return found


def assert_nothing_stored():
    assert not Complaint.objects.exists()
    assert not ComplaintAttachment.objects.exists()
    assert not OutboundMessage.objects.exists()
    assert stored_files() == []
