"""Admin views of follow-ups beyond the shared ones: adding one, and routing what it found."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import CreateView

from workflows.core.admin_pages import TitledAdminPageMixin
from workflows.core.refusal import RefusalMixin
from workflows.core.registry import inspect_url
from workflows.core.viewsets import ProcessInspectView

from . import services
from .forms import OpenComplaintForm, OpenConsultationForm, OpenSuggestionForm
from .models import FollowUp
from .services import add_follow_up

INSPECT = "wagtailsnippets_followups_followup:inspect"

#: kind → (form, service, button label)
ROUTES = {
    "complaint": (OpenComplaintForm, services.open_complaint, gettext_lazy("Open a complaint")),
    "suggestion": (
        OpenSuggestionForm,
        services.open_suggestion,
        gettext_lazy("Open a suggestion"),
    ),
    "consultation": (
        OpenConsultationForm,
        services.open_consultation,
        gettext_lazy("Open a consultation for Sales"),
    ),
}


class FollowUpCreateView(RefusalMixin, CreateView):
    """An extra follow-up added by hand goes through the command, which numbers it.

    The refusal checks the command's permission; Wagtail's own check (its
    `permission_required`, an action name that `RefusalMixin`'s attribute of the
    same name would hide) stays as well.
    """

    permission_required = CreateView.permission_required

    def has_refusal_permission(self):
        return add_follow_up.command.user_may(self.request.user)

    def save_instance(self):
        return add_follow_up(self.form.save(commit=False), user=self.request.user)

    def get_success_url(self):
        return reverse(INSPECT, args=[self.object.pk])


def open_url(follow_up, kind):
    return reverse("wagtailsnippets_followups_followup:open", args=[follow_up.pk, kind])


class FollowUpInspectView(ProcessInspectView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        for i, (kind, (_form, service, label)) in enumerate(ROUTES.items()):
            if services.can_open(self.object, kind) and service.command.user_may(
                self.request.user, self.object
            ):
                buttons.append(
                    HeaderButton(
                        label,
                        url=open_url(self.object, kind),
                        icon_name="link",
                        classname="button-secondary",
                        attrs={"data-open": kind},
                        priority=50 + i,
                    )
                )
        return buttons

    def _opened(self, record):
        if record is None:
            return "—"
        url = inspect_url(record)
        return format_html('<a href="{}" data-opened>{}</a>', url, record) if url else str(record)

    def get_opened_consultation_display_value(self):
        return self._opened(self.object.opened_consultation)

    def get_opened_suggestion_display_value(self):
        return self._opened(self.object.opened_suggestion)

    def get_opened_complaint_display_value(self):
        return self._opened(self.object.opened_complaint)


class OpenFromFollowUpView(RefusalMixin, TitledAdminPageMixin, FormView):
    """A prefilled form that opens a complaint, a suggestion or a consultation for Sales
    from a follow-up, through the command of that kind (403 without its permission)."""

    template_name = "followups/open_from_follow_up.html"
    header_icon = "link"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["kind"] not in ROUTES:
            raise Http404
        self.kind = kwargs["kind"]
        self.form_class, self.service, self.label = ROUTES[self.kind]
        self.object = get_object_or_404(
            FollowUp.objects.select_related("customer"), pk=kwargs["pk"]
        )

    def has_refusal_permission(self):
        return self.service.command.user_may(self.request.user, self.object)

    def get(self, request, *args, **kwargs):
        return self.unless_opened() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.unless_opened() or super().post(request, *args, **kwargs)

    def unless_opened(self):
        if services.can_open(self.object, self.kind):
            return None
        messages.warning(self.request, _("This follow-up cannot open one (any more)."))
        return redirect(reverse(INSPECT, args=[self.object.pk]))

    def get_page_title(self):
        return self.label

    def get_page_subtitle(self):
        return str(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "follow_up": self.object}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            record = self.service(self.object, user=self.request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(record)s” was opened from follow-up %(reference)s.")
            % {"record": record, "reference": self.object.reference},
        )
        return redirect(reverse(INSPECT, args=[self.object.pk]))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "label": self.label,
            "cancel_url": reverse(INSPECT, args=[self.object.pk]),
        }
