"""The admin every process record gets (DESIGN.md step 3).

A process app subclasses `ProcessRecordViewSet`, names its model, columns,
filters, and the forms and services of its transitions; the listing, the
inspect page with deadline and History, the transition buttons, the overdue
filter and the confirmation view come from here.
"""

from datetime import datetime

import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.history import ActionColumn
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.log_actions import registry as log_registry
from wagtail.snippets.views.snippets import (
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
)

from .columns import PersonColumnsMixin
from .exports import SafeExportMixin
from .filters import PeopleFilterSet
from .forms import PersonPickersViewSetMixin
from .imports.views import ImportButtonMixin
from .refusal import refuse
from .registry import register_viewset
from .transitions import available_transitions, is_primary
from .views import TransitionView


class OverdueFilter(django_filters.BooleanFilter):
    def filter(self, qs, value):
        if value is True:
            return qs.overdue()
        if value is False:
            return qs.exclude(pk__in=qs.overdue().values("pk"))
        return qs


class ProcessFilterSet(PeopleFilterSet):
    overdue = OverdueFilter(label=_("Overdue"))


class StateColumn(Column):
    """The state of one of the record's machines as a badge (the column's name is the
    FSM field's); the primary machine's is marked when the record is past its deadline."""

    cell_template_name = "core/tables/state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["label"] = getattr(instance, f"get_{self.name}_display")()
        primary = is_primary(type(instance), self.name)
        context["overdue"] = primary and instance.is_overdue
        context["due_at"] = instance.due_at if primary else None
        return context


def transition_buttons(view, instance, button_class, **extra):
    next_url = view.request.get_full_path()
    return [
        button_class(
            spec.label,
            url=reverse(view.transition_url_name, args=[instance.pk, spec.name])
            + "?next="
            + next_url,
            icon_name="arrow-right" if spec.style != "danger" else "warning",
            classname={"primary": "button-primary", "danger": "no"}.get(
                spec.style, "button-secondary"
            ),
            attrs={"data-transition": spec.name},
            priority=i,
            **extra,
        )
        for i, spec in enumerate(available_transitions(instance, view.request.user))
    ]


def hooked_header_buttons(request, record):
    """Buttons other processes add to a record's inspect header (e.g. "Record the requirement"
    on a consultation handed to Sales): each `register_process_header_buttons` hook takes
    (request, record) and returns a list of `HeaderButton`s, empty when it has none."""
    return [
        button
        for hook in hooks.get_hooks("register_process_header_buttons")
        for button in hook(request, record) or ()
    ]


class ProcessIndexView(PersonColumnsMixin, ImportButtonMixin, SafeExportMixin, IndexView):
    transition_url_name = None
    base_filterset_class = ProcessFilterSet

    def get_list_buttons(self, instance):
        return [
            *transition_buttons(self, instance, ListingButton),
            *super().get_list_buttons(instance),
        ]


class VisibleRecordMixin:
    """A record the user may not see (`Model.visible_to`) is a 404 on its own pages too,
    as it is absent from the listing, the choosers, the bulk actions and the site history."""

    def get_object(self, *args, **kwargs):
        record = super().get_object(*args, **kwargs)
        if getattr(self, "_visible_pk", None) != record.pk:
            query = self.model._default_manager.filter(pk=record.pk)
            if not self.model.visible_to(self.request.user, query).exists():
                raise Http404
            self._visible_pk = record.pk
        return record


class ProcessInspectView(VisibleRecordMixin, InspectView):
    transition_url_name = None
    history_url_name = None
    template_name = "core/inspect.html"
    history_limit = 20

    @cached_property
    def header_buttons(self):
        return [
            *transition_buttons(self, self.object, HeaderButton),
            *super().header_buttons,
            *hooked_header_buttons(self.request, self.object),
        ]

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, datetime):
            # Wagtail's inspect template localizes the format but not the time zone.
            return date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return value

    def get_due_at_display_value(self):
        if self.object.due_at is None:
            return "—"
        if self.object.is_overdue:
            return format_html(
                '<span class="w-status w-status--label overdue">{}</span> {}',
                _("Overdue"),
                date_format(timezone.localtime(self.object.due_at), "DATETIME_FORMAT"),
            )
        return date_format(timezone.localtime(self.object.due_at), "DATETIME_FORMAT")

    def get_state_display_value(self):
        return self.object.get_state_display()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = (
            log_registry.get_logs_for_instance(self.object)
            .select_related("user")
            .order_by("-timestamp", "-pk")[: self.history_limit]
        )
        context["history_entries"] = entries
        if self.history_url_name:
            context["history_url"] = reverse(self.history_url_name, args=[self.object.pk])
        return context


class ProcessEditView(VisibleRecordMixin, EditView):
    """Details may be corrected while the record is open; a finished record stays as it ended."""

    transition_url_name = None

    def dispatch(self, request, *args, **kwargs):
        # A user who may not edit is refused before being told the record's state.
        if not self.user_has_permission_for_instance(self.permission_required, self.object):
            return refuse(request)
        if self.object.state in self.model.FINAL_STATES:
            messages.warning(request, _("This record is finished and can no longer be edited."))
            return redirect(reverse(self.inspect_url_name, args=[self.object.pk]))
        editable = self.model.EDITABLE_STATES
        if editable is not None and self.object.state not in editable:
            messages.warning(
                request, _("This record has been decided on and can no longer be edited.")
            )
            return redirect(reverse(self.inspect_url_name, args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        return [*transition_buttons(self, self.object, HeaderButton), *super().header_buttons]


class NoteActionColumn(ActionColumn):
    """The entry's message with its note below; Wagtail shows notes only for revisioned models."""

    cell_template_name = "wagtailadmin/generic/history/action_cell.html"


class ProcessHistoryView(VisibleRecordMixin, HistoryView):
    """The full History, each transition with the note the user gave (DESIGN.md step 4)."""

    @cached_property
    def columns(self):
        action, *rest = super().columns
        return [
            NoteActionColumn(
                action.name,
                label=action.label,
                object=action.object,
                url_names=action.url_names,
                user_can_unschedule=action.user_can_unschedule,
            ),
            *rest,
        ]


class ProcessRecordViewSet(PersonPickersViewSetMixin, SnippetViewSet):
    """Base viewset of a process record; see the module docstring."""

    index_view_class = ProcessIndexView
    inspect_view_class = ProcessInspectView
    edit_view_class = ProcessEditView
    history_view_class = ProcessHistoryView
    transition_view_class = TransitionView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Wagtail's snippet listing, whose bulk-action footer offers each user only the bulk
    # transitions (workflows.core.bulk) they may take.
    index_template_name = "core/process_index.html"
    # Search `search_fields` by substring in the database: staff type part of a Chinese
    # name, a phone number or a reference, which word-based full-text search misses.
    search_backend_name = None
    #: {transition name: TransitionForm subclass}; plain note form when absent.
    transition_forms = {}
    #: {transition name: service(record, *, user, expected_state, **form data)}.
    transition_services = {}

    def on_register(self):
        super().on_register()
        register_viewset(self)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            transition_url_name=self.get_url_name("transition"), **kwargs
        )

    @property
    def transition_view(self):
        return self.construct_view(
            self.transition_view_class,
            transition_forms=self.transition_forms,
            transition_services=self.transition_services,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("transition/<str:pk>/<slug:name>/", self.transition_view, name="transition"),
        ]
