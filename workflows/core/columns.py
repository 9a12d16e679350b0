"""Listing columns, and inspect-page displays, shared by every process's admin."""

from django.db import models
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column

from .people import is_person_field, person_name, person_sort_key


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


class YesNoDisplay(Component):
    """A yes/no field on an inspect page as 是/否 (registered for every BooleanField)."""

    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        if self.value is None:
            return "—"
        return conditional_escape(_("Yes") if self.value else _("No"))


class ValueDisplay(Component):
    """A field's value on an inspect page as Wagtail shows it, and an empty one as a dash
    (registered for links to records, dates, times and numbers): Wagtail printed Python's
    "None" for a field left empty, a word in English on a Chinese page."""

    template = None

    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        if self.value is None:
            return "—"
        if ValueDisplay.template is None:
            from django.template import engines

            # The same rendering as Wagtail's inspect template: localized numbers and dates,
            # times in the site's time zone.
            ValueDisplay.template = engines["django"].from_string("{{ value }}")
        return ValueDisplay.template.render({"value": self.value})


def dash_when_empty(display_class):
    """`display_class` (Wagtail's image or document display), with an empty field as a dash
    instead of "None"."""

    class Display(display_class):
        dash_when_empty = True

        def render_html(self, parent_context=None):
            if self.value is None:
                return "—"
            return super().render_html(parent_context)

    Display.__name__ = f"{display_class.__name__}OrDash"
    return Display


def empty_images_and_documents_as_a_dash(**kwargs):
    """Wagtail's image and document displays print "None" for an empty field; each is wrapped
    (`dash_when_empty`). Connected to the first request: Wagtail's image and document apps
    register their displays after this project's apps are ready."""
    from django.core.signals import request_started
    from wagtail.admin.ui.fields import display_class_registry, register_display_class
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    request_started.disconnect(empty_images_and_documents_as_a_dash)
    for model in (get_image_model(), get_document_model()):
        wagtails = display_class_registry.values_by_fk_related_model.get(model)
        if wagtails is not None and not getattr(wagtails, "dash_when_empty", False):
            register_display_class(
                models.ForeignKey, to=model, display_class=dash_when_empty(wagtails)
            )


def is_boolean_field(model, name):
    try:
        field = model._meta.get_field(name)
    except Exception:
        return False
    return isinstance(field, models.BooleanField)


def yes_no(model, name):
    """The column of boolean field `name` of `model`, headed by the field's own label."""
    field = model._meta.get_field(name)
    return YesNoColumn(name, label=capfirst(field.verbose_name), sort_key=name)


class PersonColumnMixin:
    """A column whose value is a user, shown by full name (`person_name`) instead of
    Django's username. A column that may have to hide the person (an anonymous report)
    overrides `name_person`."""

    def get_value(self, instance):
        return self.name_person(instance, super().get_value(instance))

    def name_person(self, instance, user):
        return person_name(user)


class PersonColumn(PersonColumnMixin, Column):
    pass


class PersonColumnsMixin:
    """For listing views: every `list_display` entry naming a user field (`investigator`,
    `employee`, `session__trainer`) becomes a person column, the title column too, so that
    no listing shows a username; sorting by a person column sorts by the name shown
    (`person_sort_key`), not by the account's id. A yes/no field becomes a 是/否 column,
    never "True"."""

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = self.ordering
        if not isinstance(ordering, str) or not ordering:
            return queryset
        name = ordering.removeprefix("-")
        if not is_person_field(self.model, name):
            return queryset
        key = person_sort_key(name)
        if ordering.startswith("-"):
            return queryset.order_by(key.desc(nulls_last=True), "-pk")
        return queryset.order_by(key.asc(nulls_last=True), "pk")

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column and is_boolean_field(self.model, field_name):
            column_class = YesNoColumn
        if is_person_field(self.model, field_name) and not issubclass(
            column_class, PersonColumnMixin
        ):
            column_class = type(
                f"Person{column_class.__name__}", (PersonColumnMixin, column_class), {}
            )
        return super()._get_custom_column(field_name, column_class, **kwargs)


class PersonDisplay(Component):
    """A user field on an inspect page, by full name; registered for every link to the user
    model (Wagtail's `register_display_class`), so that every inspect page, Wagtail's own
    included, shows people as staff know them."""

    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        return conditional_escape(person_name(self.value) or "—")
