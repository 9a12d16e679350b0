"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("fleet", "0004_catalogue_texts_in_other_languages"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="equipmentcategory", field_name="name"),
        AddGramIndex(model_name="equipmentmodel", field_name="code"),
        AddGramIndex(model_name="equipmentmodel", field_name="maker"),
        AddGramIndex(model_name="equipmentmodel", field_name="name"),
        AddGramIndex(model_name="equipmentmodel", field_name="specification"),
        AddGramIndex(model_name="equipmentunit", field_name="asset_number"),
        AddGramIndex(model_name="equipmentunit", field_name="location"),
        AddGramIndex(model_name="equipmentunit", field_name="serial_number"),
    ]
