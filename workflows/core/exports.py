"""Spreadsheet exports that cannot turn a customer's text into a formula.

A cell whose text starts with =, +, -, @, a tab or a carriage return is read
as a formula by spreadsheet programs (CSV injection). Every listing export of
the project goes through `neutralise`, which prefixes such text with an
apostrophe so that it shows as typed.
"""

from wagtail.snippets.views.snippets import IndexView

from .imports.views import ImportButtonMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeExportMixin:
    """For Wagtail listing views with `list_export`."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))


class SafeExportIndexView(ImportButtonMixin, SafeExportMixin, IndexView):
    """Snippet listing whose CSV and XLSX exports are safe to open (and that may import)."""
