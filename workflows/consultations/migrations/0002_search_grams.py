"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="consultation", field_name="company"),
        AddGramIndex(model_name="consultation", field_name="customer_name"),
        AddGramIndex(model_name="consultation", field_name="phone"),
        AddGramIndex(model_name="consultation", field_name="question"),
        AddGramIndex(model_name="consultation", field_name="reference"),
        AddGramIndex(model_name="consultation", field_name="subject"),
    ]
