"""Quality's tests read messages and admin pages in English, whatever the translations say.

The default language (LANGUAGE_CODE) stays, as in complaints' tests: every staff member a
test logs in gets an admin profile in English, and messages built outside a request are
built in English.
"""

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile


def english_admin(user):
    """The user's admin profile set to English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """A test client whose `force_login` gives the staff member the admin in English."""
    force_login = client.force_login

    def login(user, backend=None):
        force_login(english_admin(user), backend)

    client.force_login = login
    return client


@pytest.fixture
def staff(staff):
    """The staff of every role, each with the admin in English."""
    for user in staff.values():
        english_admin(user)
    return staff
