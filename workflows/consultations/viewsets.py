from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import CreateView

from workflows.core import roles
from workflows.core.forms import person
from workflows.core.refusal import RefusalMixin
from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from . import services
from .forms import AnswerForm, HandToSalesForm, PromiseReplyForm
from .models import Consultation


class ConsultationCreateView(RefusalMixin, CreateView):
    """Recording a consultation goes through the command, which numbers and dates it.

    Only Customer Service records consultations (P1.2); anyone else gets 403.
    """

    def has_refusal_permission(self):
        return self.request.user.has_perm(services.record_consultation.command.permission)

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.record_consultation(instance, user=self.request.user)

    def get_initial_form_instance(self):
        # Wagtail's CreateView returns no instance for untranslatable models.
        instance = super().get_initial_form_instance() or self.model()
        if instance.handler_id is None:
            instance.handler = self.request.user
        return instance


class ConsultationViewSet(ProcessRecordViewSet):
    model = Consultation
    person_pickers = {"handler": person(roles.CUSTOMER_SERVICE, current=True)}
    icon = "help"
    menu_label = _("Consultations")
    menu_order = 100
    add_to_admin_menu = True
    add_view_class = ConsultationCreateView
    list_display = [
        "reference",
        "customer_name",
        "subject",
        "channel",
        StateColumn("state", label=_("State"), sort_key="state"),
        "received_at",
        "handler",
    ]
    list_filter = ["state", "channel", "handler", "salesperson"]
    list_export = [
        "reference",
        "state",
        "channel",
        "received_at",
        "customer_name",
        "company",
        "phone",
        "email",
        "subject",
        "question",
        "handler",
        "reply",
        "reply_due_at",
        "answered_at",
        "salesperson",
        "sales_need",
        "closed_at",
    ]
    export_filename = "consultations"
    search_fields = ["reference", "customer_name", "company", "subject", "question", "phone"]
    ordering = ["-received_at"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "channel",
        "received_at",
        "customer_name",
        "company",
        "phone",
        "email",
        "subject",
        "question",
        "language",
        "handler",
        "reply",
        "reply_due_at",
        "answered_at",
        "salesperson",
        "sales_need",
        "handed_at",
        "closed_at",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("channel"),
                FieldPanel("received_at"),
                FieldPanel("handler"),
            ],
            heading=_("Arrival"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("customer_name"), FieldPanel("company")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("language"),
            ],
            heading=_("Customer"),
        ),
        MultiFieldPanel(
            [FieldPanel("subject"), FieldPanel("question")],
            heading=_("Question"),
        ),
    ]
    transition_forms = {
        "answer": AnswerForm,
        "promise_reply": PromiseReplyForm,
        "hand_to_sales": HandToSalesForm,
    }

    def get_queryset(self, request):
        return Consultation.objects.select_related("channel", "handler", "salesperson")
