"""The reward becomes a state machine of its own (`reward_state`), keeping every reward.

"" (no reward) becomes "none"; "due" and "given" keep their values. The check
constraint is the same rule, written against the new field.
"""

import django_fsm
from django.db import migrations, models

NO_REWARD_BEFORE, NO_REWARD = "", "none"


def to_reward_state(apps, schema_editor):
    Suggestion = apps.get_model("suggestions", "Suggestion")
    Suggestion.objects.filter(reward_state=NO_REWARD_BEFORE).update(reward_state=NO_REWARD)


def to_reward_status(apps, schema_editor):
    Suggestion = apps.get_model("suggestions", "Suggestion")
    Suggestion.objects.filter(reward_state=NO_REWARD).update(reward_state=NO_REWARD_BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("suggestions", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="suggestion",
            name="suggestion_reward_only_for_implemented_employee_suggestions",
        ),
        migrations.RenameField(
            model_name="suggestion",
            old_name="reward_status",
            new_name="reward_state",
        ),
        migrations.RunPython(to_reward_state, to_reward_status, elidable=False),
        migrations.AlterField(
            model_name="suggestion",
            name="reward_state",
            field=django_fsm.FSMField(
                choices=[("none", "No reward"), ("due", "Reward due"), ("given", "Reward given")],
                db_index=True,
                default="none",
                editable=False,
                max_length=10,
                protected=True,
                verbose_name="reward",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reward_state", "none"),
                    models.Q(
                        ("reward_state", "due"), ("source", "employee"), ("state", "implemented")
                    ),
                    models.Q(
                        ("reward_given_at__isnull", False),
                        ("reward_state", "given"),
                        ("source", "employee"),
                        ("state", "implemented"),
                    ),
                    _connector="OR",
                ),
                name="suggestion_reward_only_for_implemented_employee_suggestions",
            ),
        ),
    ]
