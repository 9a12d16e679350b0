"""Spreadsheet exports that cannot turn a customer's text into a formula.

A cell whose text starts with =, +, -, @, a tab or a carriage return is read
as a formula by spreadsheet programs (CSV injection). Every listing export of
the project goes through `neutralise`, which prefixes such text with an
apostrophe so that it shows as typed.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.snippets.views.snippets import IndexView

from .columns import PersonColumnsMixin
from .filters import PeopleFilterSet
from .imports.values import format_phone
from .imports.views import ImportButtonMixin
from .people import person_name

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def site_zone():
    """The site's time zone (settings.TIME_ZONE): every export writes times in it, whatever
    zone the exporting user's admin shows, so that two people's exports agree."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def site_time(value):
    """An aware date-time as the site's wall-clock time, without zone (a spreadsheet cell
    holds no zone; the column heading names it, `zone_heading`); None stays None."""
    if value is None or not timezone.is_aware(value):
        return value
    return timezone.localtime(value, site_zone()).replace(tzinfo=None)


def zone_heading(heading):
    """The heading of a column of date-times, naming the zone they are in:
    "Received at (Asia/Taipei)"."""
    # Translators: the heading of a column of date-times, then the time zone they are in.
    return gettext("%(heading)s (%(zone)s)") % {"heading": heading, "zone": settings.TIME_ZONE}


def _model_field(model, path):
    field = None
    for part in path.replace(".", LOOKUP_SEP).split(LOOKUP_SEP):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    return field


class SafeExportMixin:
    """For Wagtail listing views with `list_export`.

    CSV: formula-looking text gets the apostrophe. XLSX: text cells are written as
    text (never formulas) and formula-looking ones carry Excel's own "quote prefix"
    mark instead of an apostrophe in the value, so that the text is exactly what
    was stored and imports back unchanged. Both: choice labels instead of stored
    values, times in the site's time zone (settings.TIME_ZONE, named in the heading of
    each date-time column: "Received at (Asia/Taipei)"), phone numbers (stored in E.164)
    in the local format, for the fields a model names in `phone_fields`; people by full name, not
    username.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = self._choice_label(field, value)
        if isinstance(value, get_user_model()):
            value = person_name(value)
        if field in getattr(self.model, "phone_fields", ()):
            value = format_phone(value)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = site_time(value)
            if export_format == self.FORMAT_CSV:
                value = value.isoformat(sep=" ", timespec="seconds")
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(value)
        return value

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if isinstance(_model_field(queryset.model, field), models.DateTimeField):
            return zone_heading(heading)
        return heading

    def _choice_label(self, field, value):
        try:
            model_field = self.model._meta.get_field(field)
        except (AttributeError, FieldDoesNotExist):
            return value
        if model_field.choices and not isinstance(value, (list, tuple)):
            return dict(model_field.flatchoices).get(value, value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell


class SafeExportIndexView(PersonColumnsMixin, ImportButtonMixin, SafeExportMixin, IndexView):
    """Snippet listing whose CSV and XLSX exports are safe to open (and that may import),
    people shown by full name."""

    base_filterset_class = PeopleFilterSet
