"""Logins: throttled per account and per address; the demo password is for development only."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from tests.factories import UserFactory
from workflows.core.auth import DEMO_PASSWORD, check_no_demo_password

pytestmark = pytest.mark.django_db

LOGIN = reverse("wagtailadmin_login")


def login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def clerk():
    user = UserFactory(username="clerk", is_staff=True, is_superuser=True)
    user.set_password("the-right-one-2026")
    user.save()
    return user


def logged_in(client):
    return "_auth_user_id" in client.session


def test_a_correct_password_logs_in(client, clerk):
    login(client, "clerk", "the-right-one-2026")
    assert logged_in(client)


def test_an_account_locks_after_repeated_failures_even_with_the_right_password(
    client, clerk, settings
):
    settings.LOGIN_FAILURE_LIMIT = 3
    for n in range(3):
        login(client, "clerk", "wrong", address=f"10.0.0.{n + 2}")  # from different addresses
    login(client, "clerk", "the-right-one-2026", address="10.0.0.99")
    assert not logged_in(client)


def test_an_address_locks_after_failures_on_many_accounts(client, clerk, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 4
    for n in range(4):
        login(client, f"nobody{n}", "wrong", address="10.9.9.9")
    login(client, "clerk", "the-right-one-2026", address="10.9.9.9")
    assert not logged_in(client)
    login(client, "clerk", "the-right-one-2026", address="10.1.1.1")
    assert logged_in(client)


def test_a_success_clears_the_accounts_count(client, clerk, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    login(client, "clerk", "wrong")
    login(client, "clerk", "wrong")
    login(client, "clerk", "the-right-one-2026")
    assert logged_in(client)
    client.logout()
    login(client, "clerk", "wrong")
    login(client, "clerk", "wrong")
    login(client, "clerk", "the-right-one-2026")
    assert logged_in(client)


def test_the_demo_password_works_only_where_demo_logins_are_allowed(client, settings):
    user = UserFactory(username="service", is_staff=True, is_superuser=True)
    user.set_password(DEMO_PASSWORD)
    user.save()
    settings.DEMO_LOGINS_ALLOWED = False
    login(client, "service", DEMO_PASSWORD)
    assert not logged_in(client)
    settings.DEMO_LOGINS_ALLOWED = True
    login(client, "service", DEMO_PASSWORD, address="10.0.0.7")
    assert logged_in(client)


def test_production_refuses_to_start_while_a_demo_account_has_the_demo_password(settings):
    from fixtures.demo import USERS

    user = UserFactory(username=USERS[0][0])
    user.set_password(DEMO_PASSWORD)
    user.save()
    settings.DEMO_LOGINS_ALLOWED = False
    assert [e.id for e in check_no_demo_password()] == ["core.E020"]
    with pytest.raises(SystemCheckError):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])
    user.set_password("a-real-password-2026")
    user.save()
    assert check_no_demo_password() == []
    settings.DEMO_LOGINS_ALLOWED = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert check_no_demo_password() == []
