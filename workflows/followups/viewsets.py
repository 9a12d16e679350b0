from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList

from workflows.core import roles
from workflows.core.forms import person
from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from .forms import FollowUpAddForm, RecordForm, SkipForm
from .models import FollowUp
from .views import FollowUpCreateView, FollowUpInspectView, OpenFromFollowUpView


class FollowUpViewSet(ProcessRecordViewSet):
    model = FollowUp
    person_pickers = {"assigned_to": person(roles.CUSTOMER_SERVICE)}
    icon = "calendar-check"
    menu_label = _("Follow-ups")
    menu_order = 150
    add_to_admin_menu = True
    add_view_class = FollowUpCreateView
    inspect_view_class = FollowUpInspectView
    list_display = [
        "reference",
        "customer",
        "contract",
        "scheduled_for",
        StateColumn("state", label=_("State"), sort_key="state"),
        "assigned_to",
        "method",
        "done_at",
    ]
    list_filter = ["state", "method", "assigned_to"]
    list_export = [
        "reference",
        "state",
        "customer",
        "contract",
        "scheduled_for",
        "assigned_to",
        "method",
        "contacted_person",
        "feedback",
        "needs",
        "done_at",
        "done_by",
        "skip_reason",
        "opened_consultation",
        "opened_suggestion",
        "opened_complaint",
    ]
    export_filename = "follow-ups"
    search_fields = ["reference", "contacted_person", "feedback", "needs"]
    ordering = ["-scheduled_for"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "customer",
        "contract",
        "scheduled_for",
        "assigned_to",
        "method",
        "contacted_person",
        "feedback",
        "needs",
        "done_at",
        "done_by",
        "skip_reason",
        "opened_consultation",
        "opened_suggestion",
        "opened_complaint",
    ]
    panels = [FieldPanel("scheduled_for"), FieldPanel("assigned_to")]
    transition_forms = {"record": RecordForm, "skip": SkipForm}

    def get_queryset(self, request):
        return FollowUp.objects.select_related(
            "customer",
            "contract",
            "assigned_to",
            "done_by",
            "opened_consultation",
            "opened_suggestion",
            "opened_complaint",
        )

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(
            [FieldPanel("contract"), FieldPanel("scheduled_for"), FieldPanel("assigned_to")],
            base_form_class=FollowUpAddForm,
        ).bind_to_model(FollowUp)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "open/<int:pk>/<slug:kind>/",
                OpenFromFollowUpView.as_view(),
                name="open",
            ),
        ]
