"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("customers", "0002_phone_digits_and_tax_number_format"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="customer", field_name="address"),
        AddGramIndex(model_name="customer", field_name="email"),
        AddGramIndex(model_name="customer", field_name="name"),
        AddGramIndex(model_name="customer", field_name="phone"),
        AddGramIndex(model_name="customer", field_name="tax_number"),
    ]
