"""Fixtures for every test: staff of each role, a clean cache, the PostgreSQL and browser gates."""

import os

import pytest
from django.core.cache import cache
from django.db import connection

from workflows.core import roles
from workflows.core.sms import MemorySmsBackend

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _clean_cache_and_sms():
    cache.clear()
    MemorySmsBackend.outbox.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _sms_in_memory(settings):
    settings.SMS_BACKEND = "workflows.core.sms.MemorySmsBackend"


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
