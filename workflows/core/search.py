"""Substring search that stays fast on PostgreSQL: a gram index under every listing's search.

The admin listings search by substring (`icontains`): staff type part of a Chinese name, a
phone number or a reference. A plain `LIKE '%營造%'` reads the whole table, and PostgreSQL's
trigram index cannot help a two-character Chinese query, the most common kind. So on
PostgreSQL each searched column gets a GIN index over its characters and pairs of
characters (`rsd_grams`), and every `icontains` on a text column first asks that index for
the rows holding every pair of the query (`rsd_query_grams`), then checks the substring
itself on those rows only. The answer is the same with or without the index (a row that
contains the query contains its pairs); without an index PostgreSQL checks the cheap `LIKE`
first. SQLite keeps its plain scan.

`AddGramIndex` is the migration operation that adds such an index (nothing on SQLite).
"""

import hashlib

from django.db import models
from django.db.migrations.operations.base import Operation
from django.db.models.lookups import IContains

#: The functions the indexes and the queries share (migration core 0013 creates them).
CREATE_FUNCTIONS = """
CREATE OR REPLACE FUNCTION rsd_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, 1) AS g FROM generate_series(1, char_length(t)) AS i
    UNION ALL
    SELECT substr(t, i, 2) FROM generate_series(1, char_length(t) - 1) AS i
  ) AS grams
$$;
CREATE OR REPLACE FUNCTION rsd_query_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN char_length(t) < 2 THEN ARRAY[t]
  ELSE ARRAY(
    SELECT DISTINCT substr(t, i, 2) FROM generate_series(1, char_length(t) - 1) AS i
  ) END
$$;
"""
DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS rsd_query_grams(text);
DROP FUNCTION IF EXISTS rsd_grams(text);
"""


class GramIContains(IContains):
    """`icontains`; on PostgreSQL, preceded by the gram index's condition."""

    def as_postgresql(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        if not (
            self.rhs_is_direct_value()
            and isinstance(self.rhs, str)
            and self.rhs
            and not self.bilateral_transforms
        ):
            return sql, params
        # UPPER("table"."column"::text): the expression the index is built on.
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        return (
            f"(rsd_grams({lhs_sql}) @> rsd_query_grams(UPPER(%s)) AND {sql})",
            (*lhs_params, self.rhs, *params),
        )


def register_lookups():
    models.CharField.register_lookup(GramIContains)
    models.TextField.register_lookup(GramIContains)


def gram_index_name(table, column):
    digest = hashlib.sha256(f"{table}.{column}".encode()).hexdigest()[:8]
    return f"{table[:30]}_{column[:18]}_{digest}_grams"


class AddGramIndex(Operation):
    """A GIN index over the characters and pairs of characters of a text column, on
    PostgreSQL (nothing elsewhere)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name, field_name, app_label=None):
        self.model_name = model_name
        self.field_name = field_name
        #: the model's app when it is not the migration's own (Django's user, Wagtail's page)
        self.app_label = app_label

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "field_name": self.field_name}
        if self.app_label:
            kwargs["app_label"] = self.app_label
        return (self.__class__.__qualname__, [], kwargs)

    def state_forwards(self, app_label, state):
        pass  # an index the model does not declare: nothing in the migration state

    def _table_and_column(self, app_label, state):
        model = state.apps.get_model(self.app_label or app_label, self.model_name)
        return model._meta.db_table, model._meta.get_field(self.field_name).column

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, column = self._table_and_column(app_label, to_state)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(gram_index_name(table, column))} "
            f"ON {quote(table)} USING gin (rsd_grams(UPPER({quote(column)}::text)))"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        table, column = self._table_and_column(app_label, from_state)
        quote = schema_editor.quote_name
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(gram_index_name(table, column))}")

    def describe(self):
        return f"Gram index on {self.model_name}.{self.field_name} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.field_name}_grams"
