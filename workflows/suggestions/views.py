"""Admin views of suggestions beyond the shared ones: filing, anonymity, the reward."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryFilterSet, LogEntryUserColumn
from wagtail.snippets.views.snippets import CreateView

from workflows.core.viewsets import (
    ProcessEditView,
    ProcessHistoryView,
    ProcessIndexView,
    ProcessInspectView,
)

from . import services
from .access import ANONYMOUS_EMPLOYEE, GIVE_REWARD, proposer_label, sees_proposer
from .choices import RewardStatus
from .exceptions import RewardNotDue
from .forms import RewardForm
from .models import Suggestion


def visible(request):
    from .access import visible_suggestions

    return visible_suggestions(Suggestion.objects.all(), request.user)


class ProposerColumn(Column):
    """The proposer's name, or "Anonymous employee" for those who may not read it."""

    def get_value(self, instance):
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

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.reward_status == RewardStatus.DUE and self.request.user.has_perm(GIVE_REWARD):
            from wagtail.admin.widgets import ListingButton

            buttons.insert(0, reward_button(ListingButton, instance, self.request))
        return buttons


def reward_button(button_class, instance, request):
    return button_class(
        _("Give the reward"),
        url=reverse("wagtailsnippets_suggestions_suggestion:give_reward", args=[instance.pk])
        + "?next="
        + request.get_full_path(),
        icon_name="success",
        classname="button-secondary",
        attrs={"data-reward": "give"},
        priority=0,
    )


class SuggestionCreateView(CreateView):
    """An employee files a suggestion; the service numbers it and names them as proposer."""

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
        if suggestion.reward_status == "":
            fields = [f for f in fields if not f.startswith("reward")]
        return fields

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.reward_status == RewardStatus.DUE and self.request.user.has_perm(
            GIVE_REWARD
        ):
            from wagtail.admin.widgets import HeaderButton

            buttons.insert(0, reward_button(HeaderButton, self.object, self.request))
        return buttons

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


class GiveRewardView(WagtailAdminTemplateMixin, FormView):
    """HR records that the reward for an implemented employee suggestion was given (P7.1)."""

    template_name = "suggestions/give_reward.html"
    form_class = RewardForm
    page_title = gettext_lazy("Give the reward")
    header_icon = "success"

    def dispatch(self, request, pk):
        if not (request.user.is_superuser or request.user.has_perm(GIVE_REWARD)):
            return permission_denied(request, PermissionDenied())
        self.object = get_object_or_404(visible(request), pk=pk)
        if self.object.reward_status != RewardStatus.DUE:
            messages.warning(request, _("No reward is due for this suggestion."))
            return redirect(self.get_success_url())
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_success_url(self):
        from django.utils.http import url_has_allowed_host_and_scheme

        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}
        ):
            return next_url
        return reverse("wagtailsnippets_suggestions_suggestion:inspect", args=[self.object.pk])

    def form_valid(self, form):
        try:
            suggestion = services.give_reward(
                self.object, user=self.request.user, reward_note=form.cleaned_data["reward_note"]
            )
        except RewardNotDue as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The reward for “%(record)s” is recorded as given.") % {"record": suggestion},
        )
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            proposer=proposer_label(self.object, self.request.user),
            next=self.request.GET.get("next", ""),
        )
        return context
