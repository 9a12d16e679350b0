"""Listing filters shared by every process's admin."""

from functools import cache

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.filters import WagtailFilterSet

from .forms import Person
from .forms import PersonChoiceField as PersonPicker
from .people import members_queryset, person_name, person_sort_key


class PersonChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class PersonChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter on a user field, its choices by full name."""

    field_class = PersonChoiceField


def _picker_of(form_class, name):
    field = getattr(form_class, "base_fields", {}).get(name)
    if isinstance(field, PersonPicker) and field.roles is not None:
        return Person(roles=field.roles, superusers=field.superusers)
    return None


@cache
def declared_picker(model, name):
    """Who may act on the user field `name` of `model`, as its snippet viewset's person
    pickers declare it (`person_pickers`, a person field of its edit form, else the field
    of the same name of one of its transition forms: the investigator chosen on assigning);
    None when nothing declares it."""
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return None
    picker = getattr(viewset, "person_pickers", {}).get(name)
    if picker is not None:
        return picker
    for form_class in (
        viewset.get_form_class(),
        *(getattr(viewset, "transition_forms", None) or {}).values(),
    ):
        picker = _picker_of(form_class, name)
        if picker is not None:
            return picker
    return None


def people_to_filter_by(model, field_name, picker=None):
    """The people a listing filter on the user field `field_name` of `model` offers: the
    active members of the roles that may act on it (`picker`), and whoever appears in it on
    a record (so that the records of someone who left stay findable); by name, one query."""
    offered = Q(
        pk__in=model._default_manager.filter(**{f"{field_name}__isnull": False})
        .order_by()
        .values(field_name)
    )
    if picker is not None:
        offered |= Q(
            pk__in=members_queryset(*picker.roles, superusers=picker.superusers).values("pk")
        )
    return get_user_model().objects.filter(offered).order_by(person_sort_key(), "pk")


class PeopleFilterSet(WagtailFilterSet):
    """Filters of a listing, where a user field in `list_filter` (the investigator, the
    assignee) offers, by full name, the people who may act on it and those who appear in
    it on a record, never every account. `person_filters` ({field: person(*roles)})
    overrides the roles found from the viewset's person pickers (`declared_picker`)."""

    person_filters = {}

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if (
            filter_class is django_filters.ModelChoiceFilter
            and field.related_model is get_user_model()
        ):
            filter_class = PersonChoiceFilter
        return filter_class, params

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, filter_ in self.filters.items():
            if not isinstance(filter_, PersonChoiceFilter) or model is None:
                continue
            picker = self.person_filters.get(name) or declared_picker(model, filter_.field_name)
            filter_.queryset = people_to_filter_by(model, filter_.field_name, picker)
