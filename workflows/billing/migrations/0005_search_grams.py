"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("billing", "0004_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="bankstatementline", field_name="bank_reference"),
        AddGramIndex(model_name="bankstatementline", field_name="payer"),
        AddGramIndex(model_name="bankstatementline", field_name="text"),
        AddGramIndex(model_name="finalsettlement", field_name="reference"),
        AddGramIndex(model_name="invoice", field_name="number"),
        AddGramIndex(model_name="payment", field_name="reference"),
        AddGramIndex(model_name="reminder", field_name="call_note"),
    ]
