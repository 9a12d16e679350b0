"""The functions and indexes under substring search (core/search.py), on PostgreSQL."""

from django.db import migrations

from workflows.core.search import CREATE_FUNCTIONS, DROP_FUNCTIONS, AddGramIndex


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_FUNCTIONS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FUNCTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_plural_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        # Searched through a relation: people by name, courses by title.
        AddGramIndex(model_name="user", field_name="first_name", app_label="auth"),
        AddGramIndex(model_name="user", field_name="last_name", app_label="auth"),
        AddGramIndex(model_name="user", field_name="username", app_label="auth"),
        AddGramIndex(model_name="page", field_name="title", app_label="wagtailcore"),
    ]
