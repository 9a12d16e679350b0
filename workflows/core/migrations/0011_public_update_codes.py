"""Public updates store the record's state and a message code, rendered when read.

Updates published before keep their text; their stage, written as a label in
whichever language was active then, becomes a state again when it is one of the
stage labels below in any of the site's languages, and is otherwise kept as written.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import translation
from django.utils.translation import gettext

#: The stage labels as they were when stages were stored as text (frozen here).
STAGE_LABELS = {
    ("complaints", "complaint"): {
        "Received": "received",
        "Being investigated": "investigating",
        "Solution being carried out": "plan_agreed",
        "Result sent to you": "result_communicated",
        "Closed": "closed",
    },
    ("suggestions", "suggestion"): {
        "Received": "received",
        "Being evaluated": "under_evaluation",
        "To be discussed in a meeting": "for_discussion",
        "Adopted": "adopted",
        "Being implemented": "implementing",
        "Implemented": "implemented",
        "Not adopted": "declined",
    },
}


def stages_to_states(apps, schema_editor):
    PublicUpdate = apps.get_model("core", "PublicUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (app_label, model), labels in STAGE_LABELS.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        states = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                states.update({gettext(label): state for label, state in labels.items()})
        states.update(labels)
        for label, state in states.items():
            PublicUpdate.objects.filter(
                content_type=content_type, state="", stage_text=label
            ).update(state=state, stage_text="")


def states_to_stages(apps, schema_editor):
    PublicUpdate = apps.get_model("core", "PublicUpdate")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (app_label, model), labels in STAGE_LABELS.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        for label, state in labels.items():
            PublicUpdate.objects.filter(
                content_type=content_type, state=state, stage_text=""
            ).update(stage_text=label)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0010_import_run"),
    ]

    operations = [
        migrations.RenameField(model_name="publicupdate", old_name="stage", new_name="stage_text"),
        migrations.AlterField(
            model_name="publicupdate",
            name="stage_text",
            field=models.CharField(
                blank=True,
                help_text="The stage of an update published before stages were stored as states.",
                max_length=100,
                verbose_name="stage as written",
            ),
        ),
        migrations.AddField(
            model_name="publicupdate",
            name="state",
            field=models.CharField(blank=True, max_length=50, verbose_name="state"),
        ),
        migrations.AddField(
            model_name="publicupdate",
            name="code",
            field=models.CharField(blank=True, max_length=100, verbose_name="message"),
        ),
        migrations.AddField(
            model_name="publicupdate",
            name="parameters",
            field=models.JSONField(blank=True, default=dict, verbose_name="parameters"),
        ),
        migrations.AlterField(
            model_name="publicupdate",
            name="text",
            field=models.TextField(blank=True, max_length=2000, verbose_name="text"),
        ),
        migrations.RunPython(stages_to_states, states_to_stages),
    ]
