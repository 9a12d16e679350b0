"""Every model of the project names its plural: without it Django appends an English "s"
to the translated name, and a Chinese listing is headed 催款s."""

from django.apps import apps

PROJECT = ("workflows", "forms", "home", "catalogue", "contact", "learning")


def test_every_project_model_declares_its_plural_name():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith(PROJECT)
        and "verbose_name_plural" not in model._meta.original_attrs
    ]
    assert not missing
