"""Gram indexes under the admin listing search (PostgreSQL; workflows/core/search.py)."""

from django.db import migrations

from workflows.core.search import AddGramIndex


class Migration(migrations.Migration):
    dependencies = [("people", "0004_assessment_proposals"), ("core", "0013_search_grams")]

    operations = [
        AddGramIndex(model_name="careermove", field_name="reason"),
        AddGramIndex(model_name="careermove", field_name="reference"),
        AddGramIndex(model_name="careermove", field_name="to_position"),
        AddGramIndex(model_name="developmentplan", field_name="actions"),
        AddGramIndex(model_name="developmentplan", field_name="goals"),
        AddGramIndex(model_name="developmentplan", field_name="reference"),
        AddGramIndex(model_name="enrolment", field_name="feedback"),
        AddGramIndex(model_name="mentorpair", field_name="notes"),
        AddGramIndex(model_name="staffprofile", field_name="position"),
        AddGramIndex(model_name="trainingsession", field_name="reference"),
        AddGramIndex(model_name="trainingsession", field_name="title"),
        AddGramIndex(model_name="trainingsession", field_name="trainer"),
    ]
