"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0003_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="suggestion", field_name="description"),
        AddGramIndex(model_name="suggestion", field_name="proposer_company"),
        AddGramIndex(model_name="suggestion", field_name="proposer_name"),
        AddGramIndex(model_name="suggestion", field_name="reference"),
        AddGramIndex(model_name="suggestion", field_name="subject"),
    ]
