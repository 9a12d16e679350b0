"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("quality", "0003_plural_names"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="assessment", field_name="reference"),
        AddGramIndex(model_name="assessmentband", field_name="label"),
        AddGramIndex(model_name="checklistitem", field_name="text"),
        AddGramIndex(model_name="finding", field_name="description"),
        AddGramIndex(model_name="inspection", field_name="reference"),
        AddGramIndex(model_name="inspection", field_name="summary"),
        AddGramIndex(model_name="kpitarget", field_name="code"),
        AddGramIndex(model_name="problemreport", field_name="description"),
        AddGramIndex(model_name="problemreport", field_name="reference"),
        AddGramIndex(model_name="rectificationorder", field_name="reference"),
        AddGramIndex(model_name="rectificationorder", field_name="required_action"),
        AddGramIndex(model_name="survey", field_name="name"),
        AddGramIndex(model_name="survey", field_name="source_label"),
    ]
