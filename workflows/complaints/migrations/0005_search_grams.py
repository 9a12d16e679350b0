"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="complaint", field_name="company"),
        AddGramIndex(model_name="complaint", field_name="complainant_name"),
        AddGramIndex(model_name="complaint", field_name="description"),
        AddGramIndex(model_name="complaint", field_name="email"),
        AddGramIndex(model_name="complaint", field_name="phone"),
        AddGramIndex(model_name="complaint", field_name="reference"),
        AddGramIndex(model_name="rentcredit", field_name="finance_reference"),
        AddGramIndex(model_name="rentcredit", field_name="reason"),
        AddGramIndex(model_name="servicetask", field_name="description"),
        AddGramIndex(model_name="servicetask", field_name="outcome"),
    ]
