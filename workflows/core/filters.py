"""Listing filters shared by every process's admin."""

import django_filters
from django.contrib.auth import get_user_model
from wagtail.admin.filters import WagtailFilterSet

from .people import person_name


class PersonChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class PersonChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter on a user field, its choices by full name."""

    field_class = PersonChoiceField


class PeopleFilterSet(WagtailFilterSet):
    """Filters of a listing, where a user field in `list_filter` (the investigator, the
    assignee) offers people by full name instead of Django's username."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if (
            filter_class is django_filters.ModelChoiceFilter
            and field.related_model is get_user_model()
        ):
            filter_class = PersonChoiceFilter
        return filter_class, params
