from django.urls import reverse
from wagtail.snippets.views.snippets import CreateView

from workflows.core.refusal import RefusalMixin

from .services import plan_session


class SessionCreateView(RefusalMixin, CreateView):
    """A session is planned through the command, which numbers it."""

    permission_required = CreateView.permission_required

    def has_refusal_permission(self):
        return plan_session.command.user_may(self.request.user)

    def save_instance(self):
        return plan_session(self.form.save(commit=False), user=self.request.user)

    def get_success_url(self):
        return reverse("wagtailsnippets_people_trainingsession:inspect", args=[self.object.pk])
