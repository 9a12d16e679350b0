"""Fixtures for every test: staff of each role, a clean cache, the PostgreSQL and browser gates."""

import os
import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.dispatch import receiver
from django.test.signals import setting_changed
from django.urls import clear_url_caches
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from workflows.core import roles
from workflows.core.sms import MemorySmsBackend

from .factories import UserFactory

# Properties, not timings: an example's time depends on how loaded the machine is (speed is
# measured by `make bench`), so no per-example deadline and no "too slow" health check.
hypothesis_settings.register_profile(
    "rsd", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("rsd")


def clear_cache():
    """Empty this test run's cache.

    On Redis, `cache.clear()` flushes the whole database, the keys of every other xdist
    worker and test run included; there only this process's keys go (the test settings give
    each worker its own KEY_PREFIX).
    """
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        backend.clear()
        return
    assert backend.key_prefix, "tests on Redis need a KEY_PREFIX of their own"
    client = backend._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _clean_cache_and_sms():
    clear_cache()
    MemorySmsBackend.outbox.clear()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _sms_in_memory(settings):
    settings.SMS_BACKEND = "workflows.core.sms.MemorySmsBackend"


@pytest.fixture
def home_page(db):
    """A home page under the tree's root, served by the default site at `/`.

    Works after a flush too (transactional and live-server tests), when the
    root page and site that Wagtail's migrations create are gone.
    """
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    from tests.site.factories import HomePageFactory

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "RSD"},
    )
    return home


@pytest.fixture
def website_channel(db):
    from contact.models import ChannelKind
    from tests.site.factories import ConsultationChannelFactory

    return ConsultationChannelFactory(
        kind=ChannelKind.WEBSITE, name="官網留言", contact_detail="", reply_within_hours=24
    )


@pytest.fixture
def form_page(home_page, website_channel):
    """The "leave a message" page at /message/, filing under the website channel."""
    from tests.forms.factories import ConsultationFormPageFactory

    return ConsultationFormPageFactory(parent=home_page, channel=website_channel)


@pytest.fixture
def staff(db):
    """One user per role, by role name, plus `admin` (a superuser)."""
    users = {
        role: UserFactory(username=role.lower().replace(" ", "_").replace("-", "_"), roles=[role])
        for role in roles.ROLE_PERMISSIONS
    }
    users["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return users


@pytest.fixture
def cs(staff):
    return staff[roles.CUSTOMER_SERVICE]


@pytest.fixture
def sales(staff):
    return staff[roles.SALES]


def skip_or_fail(reason):
    """Skip with the reason printed; under RSD_REQUIRE_ALL=1 (CI) a missing service fails."""
    if os.environ.get("RSD_REQUIRE_ALL") == "1":
        pytest.fail(f"required but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres(transactional_db):
    """For what only PostgreSQL can show: row locks, constraints, concurrency."""
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: run with DATABASE_URL=postgres://...")


UNSTABLE_ID = re.compile(r" at 0x[0-9a-f]+")


def pytest_collection_modifyitems(items):
    """Test ids must be the same in every process: xdist workers each collect the suite and
    refuse to run when their lists differ. A repr with a memory address in it never is."""
    unstable = [item.nodeid for item in items if UNSTABLE_ID.search(item.nodeid)]
    if unstable:
        raise pytest.UsageError(
            "test ids with memory addresses (give these parameters ids=): " + ", ".join(unstable)
        )


def pytest_sessionfinish(session, exitstatus):
    """A run that collected no tests fails (exit 1), never passes as "no tests ran" (exit 5).

    A wrong path, a typo in `-k` or a broken collection must not look green in CI. Under
    xdist the controller's count is what its workers collected, so the same holds there.
    """
    if session.testscollected == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@receiver(setting_changed)
def _forget_url_prefixes(setting, **kwargs):
    """URL resolvers remember language prefixes built under the old default language.

    Tests that switch LANGUAGE_CODE (to read the admin in English) would leave
    `/zh-hant/...` links behind for the tests after them.
    """
    if setting in {"LANGUAGE_CODE", "LANGUAGES"}:
        clear_url_caches()
