"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("leasing", "0007_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="contract", field_name="delivery_place"),
        AddGramIndex(model_name="contract", field_name="number"),
        AddGramIndex(model_name="contracttemplate", field_name="name"),
        AddGramIndex(model_name="contracttemplate", field_name="title"),
        AddGramIndex(model_name="leaseplan", field_name="reference"),
        AddGramIndex(model_name="requirement", field_name="site_address"),
        AddGramIndex(model_name="requirement", field_name="usage_conditions"),
    ]
