"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("handovers", "0002_private_files"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="delivery", field_name="place"),
        AddGramIndex(model_name="delivery", field_name="reference"),
        AddGramIndex(model_name="leasereturn", field_name="place"),
        AddGramIndex(model_name="leasereturn", field_name="reference"),
        AddGramIndex(model_name="refurbishment", field_name="reference"),
    ]
