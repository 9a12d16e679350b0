"""Startup checks: a broken declaration fails `manage.py check` instead of misbehaving later."""

import pytest
from django.core.management import call_command
from django.test.utils import isolate_apps
from django_fsm import FSMField, transition

from workflows.core import checks, commands, roles
from workflows.core.models import ProcessRecord


def ids(errors):
    return sorted(e.id for e in errors)


class TestTheProjectAsShipped:
    def test_has_no_startup_errors(self):
        assert checks.transition_errors() == []
        assert checks.role_errors() == []

    def test_manage_py_check_passes(self):
        call_command("check", fail_level="ERROR")


class TestTransitions:
    def make_model(self, *, alters_data):
        with isolate_apps("workflows.core"):
            return self._model(alters_data)

    def _model(self, alters_data):
        class Broken(ProcessRecord):
            state = FSMField(default="new", protected=True)

            @transition(field=state, source="new", target="done", permission="core.x")
            def finish(self):
                pass

            if alters_data:
                finish.alters_data = True

            class Meta:
                app_label = "core"

        return Broken

    def test_a_transition_without_alters_data_or_command_fails(self):
        model = self.make_model(alters_data=False)

        assert ids(checks.transition_errors([model])) == ["core.E001", "core.E002"]

    def test_a_declared_command_satisfies_the_check(self, monkeypatch):
        monkeypatch.setattr(commands, "_registry", dict(commands._registry))
        monkeypatch.setattr(commands, "_by_transition", dict(commands._by_transition))
        model = self.make_model(alters_data=True)
        commands.simple_transition(model, "finish")

        assert checks.transition_errors([model]) == []


class TestRoles:
    def test_a_misspelt_permission_fails(self):
        errors = checks.role_errors({"consultations": {roles.HR: ["consultations.aprove"]}})

        assert ids(errors) == ["core.E004"]
        assert "consultations.aprove" in errors[0].msg

    def test_an_unknown_role_fails(self):
        errors = checks.role_errors({"consultations": {"Janitors": []}})

        assert ids(errors) == ["core.E003"]

    @pytest.mark.parametrize(
        "permission",
        ["wagtailadmin.access_admin", "fleet.publish_model", "contact.publish_consultationchannel"],
    )
    def test_wagtail_and_custom_permissions_exist(self, permission):
        assert permission in checks.existing_permissions()
