from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList

from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from .access import visible_suggestions
from .forms import (
    AdoptForm,
    ClassifyForm,
    DeclineForm,
    EvaluateForm,
    ProgressForm,
    RewardForm,
    ScheduleDiscussionForm,
)
from .models import Suggestion
from .views import (
    GiveRewardRedirectView,
    ProposerColumn,
    SuggestionCreateView,
    SuggestionEditView,
    SuggestionHistoryView,
    SuggestionIndexView,
    SuggestionInspectView,
)

#: What an employee fills in to file a suggestion.
FILING_PANELS = [
    FieldPanel("subject"),
    FieldPanel("description"),
    FieldPanel("category"),
    FieldPanel("anonymous_to_assessors"),
]


class SuggestionViewSet(ProcessRecordViewSet):
    model = Suggestion
    icon = "pick"
    menu_label = _("Suggestions")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = SuggestionIndexView
    add_view_class = SuggestionCreateView
    edit_view_class = SuggestionEditView
    inspect_view_class = SuggestionInspectView
    history_view_class = SuggestionHistoryView
    list_display = [
        "reference",
        "subject",
        ProposerColumn("proposer", label=_("Proposer")),
        "source",
        "category",
        "department",
        StateColumn("state", label=_("State"), sort_key="state"),
        "total_score",
        "received_at",
    ]
    list_filter = ["state", "source", "category", "department", "reward_state"]
    list_export = [
        "reference",
        "state",
        "source",
        "received_at",
        "proposer",
        "proposer_email",
        "proposer_phone",
        "subject",
        "description",
        "category",
        "department",
        "feasibility",
        "novelty",
        "value",
        "evaluation_remark",
        "meeting_at",
        "implementation_plan",
        "owner",
        "target_date",
        "latest_progress",
        "implemented_at",
        "decline_reason",
        "reward_state",
        "reward_given_at",
    ]
    export_headings = {"proposer": _("Proposer")}
    export_filename = "suggestions"
    search_fields = ["reference", "subject", "description", "proposer_name", "proposer_company"]
    ordering = ["-received_at"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "source",
        "received_at",
        "proposer",
        "proposer_name",
        "proposer_company",
        "proposer_email",
        "proposer_phone",
        "customer",
        "language",
        "subject",
        "description",
        "category",
        "department",
        "feasibility",
        "novelty",
        "value",
        "total_score",
        "evaluation_remark",
        "evaluated_at",
        "meeting_at",
        "implementation_plan",
        "owner",
        "target_date",
        "latest_progress",
        "implemented_at",
        "decline_reason",
        "decided_at",
        "reward_state",
        "reward_given_at",
        "reward_note",
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("subject"), FieldPanel("description"), FieldPanel("category")],
            heading=_("Suggestion"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("proposer_name"), FieldPanel("proposer_company")]),
                FieldRowPanel([FieldPanel("proposer_email"), FieldPanel("proposer_phone")]),
                FieldPanel("language"),
            ],
            heading=_("Proposer (customer)"),
        ),
    ]
    transition_forms = {
        "classify": ClassifyForm,
        "evaluate": EvaluateForm,
        "schedule_discussion": ScheduleDiscussionForm,
        "adopt": AdoptForm,
        "decline": DeclineForm,
        "start_implementation": ProgressForm,
        "record_progress": ProgressForm,
        "complete_implementation": ProgressForm,
        "give_reward": RewardForm,
    }

    def get_queryset(self, request):
        queryset = Suggestion.objects.select_related("proposer", "owner", "customer")
        return visible_suggestions(queryset, request.user)

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(FILING_PANELS).bind_to_model(Suggestion)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reward/<int:pk>/", GiveRewardRedirectView.as_view(), name="give_reward"),
        ]
