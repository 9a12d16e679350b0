"""Listing columns shared by every process's admin."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """A yes/no field as 是/否 in the reader's language.

    Wagtail lists a boolean model field through a plain column, which prints Python's
    "True"/"False" to a Chinese reader.
    """

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return _("Yes") if value else _("No")


def yes_no(model, name):
    """The column of boolean field `name` of `model`, headed by the field's own label."""
    field = model._meta.get_field(name)
    return YesNoColumn(name, label=capfirst(field.verbose_name), sort_key=name)
