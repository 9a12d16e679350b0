"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("followups", "0002_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="followup", field_name="contacted_person"),
        AddGramIndex(model_name="followup", field_name="feedback"),
        AddGramIndex(model_name="followup", field_name="needs"),
        AddGramIndex(model_name="followup", field_name="reference"),
    ]
