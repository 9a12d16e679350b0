"""Database rules that only PostgreSQL can hold, added by migrations that SQLite skips."""

from django.db.migrations.operations.base import Operation


class AddConstraintOnPostgreSQL(Operation):
    """Add `constraint` to the table of `model_name` on PostgreSQL; do nothing elsewhere.

    The constraint is deliberately not part of the model's state: SQLite cannot
    hold it, and Django would otherwise validate it in Python on every save.
    The service checks the same rule on every database (see `bookings.py`).
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name, constraint):
        self.model_name = model_name
        self.constraint = constraint

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_constraint(model, self.constraint)

    def describe(self):
        return f"Add {self.constraint.name} to {self.model_name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.constraint.name.lower()}"
