"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("contact", "0007_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="consultationchannel", field_name="contact_detail"),
        AddGramIndex(model_name="consultationchannel", field_name="description"),
        AddGramIndex(model_name="consultationchannel", field_name="name"),
        AddGramIndex(model_name="consultationchannel", field_name="service_hours"),
    ]
