"""Startup checks (`manage.py check`, run by every command and by CI) for the one mechanism.

A declaration that would break silently at run time fails at start instead:
- a transition without a command: its button would move the record without
  the command's side effects (no message, no timestamps);
- a transition without `alters_data`: a template that names it would run it;
- a role that names a permission that does not exist: the role would quietly
  lack what the process needs.
"""

from django.apps import apps
from django.contrib.auth.management import _get_all_permissions
from django.core import checks


def transition_errors(models=None):
    from . import commands
    from .transitions import process_models, transition_specs

    errors = []
    for model in models if models is not None else process_models():
        for spec in transition_specs(model).values():
            method = getattr(model, spec.name)
            label = f"{model._meta.label}.{spec.name}"
            if not getattr(method, "alters_data", False):
                errors.append(
                    checks.Error(
                        f"Transition {label} lacks `alters_data = True`.",
                        hint="A template that names the transition would run it: mark it.",
                        obj=model,
                        id="core.E001",
                    )
                )
            if commands.for_transition(model, spec.name) is None:
                errors.append(
                    checks.Error(
                        f"Transition {label} has no command.",
                        hint="Declare its service with @transition_command(Model, "
                        f'"{spec.name}") or simple_transition(Model, "{spec.name}").',
                        obj=model,
                        id="core.E002",
                    )
                )
    return errors


def existing_permissions():
    """Every "app_label.codename" the project's models define, without the database."""
    found = set()
    for model in apps.get_models():
        for codename, _name in _get_all_permissions(model._meta):
            found.add(f"{model._meta.app_label}.{codename}")
    # Wagtail adds these to snippets with a draft state or a lock.
    from wagtail.models import DraftStateMixin, LockableMixin
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        actions = [
            *(["publish"] if issubclass(model, DraftStateMixin) else []),
            *(["lock", "unlock"] if issubclass(model, LockableMixin) else []),
        ]
        for action in actions:
            found.add(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    return found


def role_errors(declarations=None):
    from . import roles

    declarations = declarations if declarations is not None else roles.app_declarations()
    existing = existing_permissions()
    errors = []
    for app_label, declared in declarations.items():
        for role, permissions in declared.items():
            if role not in roles.ROLES:
                errors.append(
                    checks.Error(
                        f"{app_label}.roles names an unknown role {role!r}.",
                        id="core.E003",
                    )
                )
            for permission in permissions:
                if permission not in existing:
                    errors.append(
                        checks.Error(
                            f"The role {role!r} ({app_label}.roles) names the permission "
                            f"{permission!r}, which does not exist.",
                            hint="Check the spelling, or the model's Meta.permissions.",
                            id="core.E004",
                        )
                    )
    return errors


@checks.register()
def check_processes(app_configs=None, **kwargs):
    return [*transition_errors(), *role_errors()]
