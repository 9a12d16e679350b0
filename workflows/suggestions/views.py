"""Admin views of suggestions beyond the shared ones: filing and anonymity.

The reward is given through the shared transition view like every other step."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import RedirectView
from wagtail.admin.views.generic.history import HistoryFilterSet, LogEntryUserColumn
from wagtail.snippets.views.snippets import CreateView

from workflows.core.columns import PersonColumn
from workflows.core.refusal import RefusalMixin
from workflows.core.viewsets import (
    ProcessEditView,
    ProcessHistoryView,
    ProcessIndexView,
    ProcessInspectView,
)

from . import services
from .access import ANONYMOUS_EMPLOYEE, proposer_label, sees_proposer
from .choices import RewardState
from .models import Suggestion


def visible(request):
    from .access import visible_suggestions

    return visible_suggestions(Suggestion.objects.all(), request.user)


class ProposerColumn(PersonColumn):
    """The proposer's name, or "Anonymous employee" for those who may not read it."""

    def name_person(self, instance, user):
        return None  # the name depends on who looks: set in the cell context

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = proposer_label(instance, context["request"].user)
        return context


class SuggestionIndexView(ProcessIndexView):
    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if "proposer" in row:
            row["proposer"] = proposer_label(item, self.request.user)
        return row


class SuggestionCreateView(RefusalMixin, CreateView):
    """An employee files a suggestion; the command numbers it and names them as proposer.
    A user who may not file one gets the project's 403."""

    refusal_permission = "suggestions.add_suggestion"

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.source = "employee"
        instance.proposer = self.request.user
        return instance

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.file_employee_suggestion(instance, user=self.request.user)

    def get_success_url(self):
        return reverse("wagtailsnippets_suggestions_suggestion:inspect", args=[self.object.pk])


class VisibleOnlyMixin:
    """A suggestion the user may not see does not exist for them (404)."""

    def get_object(self, queryset=None):
        return get_object_or_404(visible(self.request), pk=self.kwargs[self.pk_url_kwarg])


class SuggestionEditView(ProcessEditView):
    def get_queryset(self):
        return visible(self.request)

    def get_last_updated_info(self):
        entry = super().get_last_updated_info()
        if entry is not None and masks_entry(self.object, self.request.user, entry):
            return MaskedEntry(entry)
        return entry


class MaskedEntry:
    """A History entry whose actor is the anonymous proposer, shown without their name."""

    user_display_name = ANONYMOUS_EMPLOYEE

    def __init__(self, entry):
        self._entry = entry

    def __getattr__(self, name):
        return getattr(self._entry, name)


def masks_entry(suggestion, user, entry):
    return (
        entry.user_id is not None
        and entry.user_id == suggestion.proposer_id
        and not sees_proposer(suggestion, user)
    )


class SuggestionInspectView(VisibleOnlyMixin, ProcessInspectView):
    def get_proposer_display_value(self):
        return proposer_label(self.object, self.request.user)

    def get_field_label(self, field_name, field):
        if field_name == "proposer":
            return _("Proposer")
        if field_name == "total_score":
            return _("Total score")
        return super().get_field_label(field_name, field)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.fields = self.fields_for(self.object, self.fields)

    @staticmethod
    def fields_for(suggestion, fields):
        """A customer's contact details for a customer's suggestion; the reward for an
        employee's once it is due."""
        if suggestion.is_from_employee:
            hidden = {"proposer_name", "proposer_company", "proposer_email", "proposer_phone"}
            fields = [f for f in fields if f not in hidden]
        else:
            fields = [f for f in fields if f != "proposer"]
        if suggestion.reward_state == RewardState.NONE:
            fields = [f for f in fields if not f.startswith("reward")]
        return fields

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history_entries"] = [
            MaskedEntry(entry) if masks_entry(self.object, self.request.user, entry) else entry
            for entry in context["history_entries"]
        ]
        return context


class MaskedUserColumn(LogEntryUserColumn):
    def __init__(self, name, *, suggestion, viewer, **kwargs):
        super().__init__(name, **kwargs)
        self.suggestion = suggestion
        self.viewer = viewer

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if masks_entry(self.suggestion, self.viewer, instance):
            context["value"] = None
            context["display_name"] = str(ANONYMOUS_EMPLOYEE)
        return context


class HistoryWithoutUserFilter(HistoryFilterSet):
    """The filter by user would list the anonymous proposer among the actors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("user", None)


class SuggestionHistoryView(ProcessHistoryView):
    filterset_class = HistoryWithoutUserFilter

    def get_base_object_queryset(self):
        from .access import visible_suggestions

        return visible_suggestions(super().get_base_object_queryset(), self.request.user)

    @cached_property
    def columns(self):
        columns = list(super().columns)
        return [
            MaskedUserColumn(
                c.name,
                label=c.label,
                width=c.width,
                suggestion=self.object,
                viewer=self.request.user,
            )
            if isinstance(c, LogEntryUserColumn)
            else c
            for c in columns
        ]


class GiveRewardRedirectView(RedirectView):
    """The reward's address before giving it became a transition like any other: links
    to it (bookmarks, older messages) reach the same confirmation view."""

    permanent = True
    query_string = True
    pattern_name = "wagtailsnippets_suggestions_suggestion:transition"

    def get_redirect_url(self, *args, pk, **kwargs):
        return super().get_redirect_url(pk=pk, name="give_reward")
