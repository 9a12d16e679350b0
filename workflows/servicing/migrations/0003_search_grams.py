"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("servicing", "0002_repair_unit_state_before"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="maintenancevisit", field_name="findings"),
        AddGramIndex(model_name="maintenancevisit", field_name="readings"),
        AddGramIndex(model_name="maintenancevisit", field_name="reference"),
        AddGramIndex(model_name="repair", field_name="diagnosis"),
        AddGramIndex(model_name="repair", field_name="fault"),
        AddGramIndex(model_name="repair", field_name="reference"),
    ]
