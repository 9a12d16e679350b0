"""Units are never double-booked: PostgreSQL refuses overlapping active bookings of a unit.

`btree_gist` lets one GiST index compare the unit by equality and the period
by overlap. SQLite skips both operations; the booking service checks the same
rule under its transaction there (workflows/leasing/bookings.py).
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

from workflows.leasing.constraints import AddConstraintOnPostgreSQL


class DateRange(models.Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class Migration(migrations.Migration):
    dependencies = [
        ("leasing", "0001_initial"),
    ]

    operations = [
        BtreeGistExtension(),
        AddConstraintOnPostgreSQL(
            "unitbooking",
            ExclusionConstraint(
                name="unit_booking_no_overlap",
                expressions=[
                    ("unit", RangeOperators.EQUAL),
                    (
                        DateRange("start", "end", models.Value("[)")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=models.Q(active=True),
            ),
        ),
    ]
