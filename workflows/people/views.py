from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from wagtail.snippets.views.snippets import CreateView

from workflows.core.refusal import RefusalMixin
from workflows.core.registry import inspect_url
from workflows.core.viewsets import ProcessInspectView

from .career_services import pair_mentor, propose_career_move, start_development_plan
from .services import plan_session


class RecordCreateView(RefusalMixin, CreateView):
    """A record is created through its command (numbered, History, messages); what the
    command refuses is shown on the form and nothing is saved."""

    permission_required = CreateView.permission_required
    create_command = None

    def has_refusal_permission(self):
        return self.create_command.command.user_may(self.request.user)

    def save_instance(self):
        return type(self).create_command(self.form.save(commit=False), user=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_url(self):
        opts = self.object._meta
        return reverse(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:inspect", args=[self.object.pk]
        )


class SessionCreateView(RecordCreateView):
    """A session is planned through the command, which numbers it."""

    create_command = plan_session


class DevelopmentPlanCreateView(RecordCreateView):
    create_command = start_development_plan


class CareerMoveCreateView(RecordCreateView):
    create_command = propose_career_move


class MentorPairCreateView(RecordCreateView):
    create_command = pair_mentor


class ProposedByAssessmentMixin:
    """The assessment a proposal came from (P7.5), as a link to its page."""

    def get_assessment_display_value(self):
        assessment = self.object.assessment
        if assessment is None:
            return "—"
        return format_html('<a href="{}">{}</a>', inspect_url(assessment), assessment)


class CareerMoveInspectView(ProposedByAssessmentMixin, ProcessInspectView):
    pass


class MentorPairInspectView(ProposedByAssessmentMixin, ProcessInspectView):
    pass
