"""Business commands: who may run them is declared, and checked before anything is written."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from tests.factories import UserFactory
from workflows.core import commands, roles
from workflows.customers.models import Customer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch):
    """Commands declared by these tests do not stay in the project's registry."""
    monkeypatch.setattr(commands, "_registry", dict(commands._registry))
    monkeypatch.setattr(commands, "_by_transition", dict(commands._by_transition))


def declare(**options):
    ran = []

    @commands.command(model=Customer, **options)
    def rename_customer(customer, *, user, name):
        ran.append((customer, user, name))
        return name

    return rename_customer, ran


class TestDeclaring:
    def test_a_command_without_a_permission_cannot_be_declared(self):
        with pytest.raises(ImproperlyConfigured, match="declares no permission"):
            declare()

    def test_a_public_command_needs_no_permission(self):
        run, _ran = declare(public=True)

        assert run.command.public

    def test_each_command_is_in_the_registry_under_its_name(self):
        run, _ran = declare(permission="customers.change_customer")

        assert commands.registry()["customers.rename_customer"] is run.command

    def test_two_commands_of_one_name_are_refused(self):
        declare(permission="customers.change_customer")

        with pytest.raises(ImproperlyConfigured, match="Two commands"):

            @commands.command(model=Customer, permission="customers.change_customer")
            def rename_customer(customer, *, user):
                return customer


class TestRunning:
    def test_a_user_with_the_permission_runs_it(self):
        run, ran = declare(permission="customers.change_customer")
        sales = UserFactory(roles=[roles.SALES])

        assert run("the customer", user=sales, name="新名字") == "新名字"
        assert ran == [("the customer", sales, "新名字")]

    def test_a_user_without_the_permission_is_refused_before_anything_runs(self):
        run, ran = declare(permission="customers.change_customer")
        hr = UserFactory(roles=[roles.HR])

        with pytest.raises(PermissionDenied):
            run("the customer", user=hr, name="新名字")
        assert ran == []

    def test_nobody_runs_a_staff_command_without_a_user(self):
        run, ran = declare(permission="customers.change_customer")

        with pytest.raises(PermissionDenied):
            run("the customer", user=None, name="新名字")
        assert ran == []

    def test_an_inactive_user_is_refused(self):
        run, ran = declare(permission="customers.change_customer")
        gone = UserFactory(roles=[roles.SALES], is_active=False)

        with pytest.raises(PermissionDenied):
            run("the customer", user=gone, name="x")
        assert ran == []

    def test_a_public_command_runs_without_a_user_but_refuses_staff_without_its_permission(self):
        run, ran = declare(public=True, permission="customers.add_customer")

        run("visitor's", user=None, name="x")
        with pytest.raises(PermissionDenied):
            run("staff's", user=UserFactory(roles=[roles.HR]), name="y")
        assert [r[0] for r in ran] == ["visitor's"]

    def test_a_permission_can_depend_on_the_record(self):
        run, ran = declare(permission=lambda user, record: record == "mine")
        hr = UserFactory(roles=[roles.HR])

        run("mine", user=hr, name="x")
        with pytest.raises(PermissionDenied):
            run("theirs", user=hr, name="y")
        assert [r[0] for r in ran] == ["mine"]
