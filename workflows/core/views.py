"""The one confirmation view every transition button leads to (DESIGN.md step 3)."""

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_pages import FormMediaMixin
from .commands import for_transition
from .exceptions import RecordChanged, TransitionNotAvailable
from .forms import TransitionForm
from .outcomes import told
from .refusal import refuse
from .transitions import available_transitions, current_state, get_spec, state_labels


class TransitionView(FormMediaMixin, WagtailAdminTemplateMixin, FormView):
    """Ask for what a transition needs, then post it to the process's service.

    Only users the transition permits see the form or may post it (403
    otherwise, and nothing changes). A record someone else moved meanwhile
    gives a friendly message and the record as it is now.
    """

    template_name = "core/transition_confirm.html"
    model = None
    inspect_url_name = None
    index_url_name = None
    header_icon = "resubmit"
    transition_forms = None
    transition_services = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        try:
            self.spec = get_spec(self.model, kwargs["name"])
        except LookupError:
            raise Http404 from None
        if self.spec.automatic:
            raise Http404  # a step of another command, never started on its own

    def dispatch(self, request, *args, **kwargs):
        if not self.spec.has_perm(request.user, self.object):
            return self.forbidden()
        if request.method == "GET" and self.spec not in available_transitions(
            self.object, request.user
        ):
            messages.warning(request, self.not_available_message())
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def forbidden(self, exception=None):
        return refuse(self.request, exception)

    @cached_property
    def current_state(self):
        """The state of the machine this transition moves (a record may have several)."""
        return current_state(self.object, self.spec)

    def get_page_title(self):
        return self.spec.label

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        items = [
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural},
            {"url": self.get_success_url(), "label": str(self.object)},
            {"url": "", "label": self.spec.label},
        ]
        return self.breadcrumbs_items + items

    def get_form_class(self):
        return (self.transition_forms or {}).get(self.spec.name, TransitionForm)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(record=self.object, user=self.request.user)
        kwargs.setdefault("initial", {})["from_state"] = self.current_state
        return kwargs

    def get_service(self):
        """The transition's command; the startup checks make sure every transition has one."""
        service = (self.transition_services or {}).get(self.spec.name) or for_transition(
            self.model, self.spec.name
        )
        if service is None:
            raise ImproperlyConfigured(f"{self.model.__name__}.{self.spec.name} has no command")
        return service

    def form_valid(self, form):
        service = self.get_service()
        try:
            record = service(
                self.object,
                user=self.request.user,
                expected_state=form.cleaned_data["from_state"],
                **form.service_kwargs(),
            )
        except PermissionDenied as exc:
            return self.forbidden(exc)
        except RecordChanged as exc:
            messages.warning(
                self.request,
                _(
                    "Someone else moved “%(record)s” to “%(state)s” while you were looking at "
                    "it, so nothing was changed. Here it is as it stands now."
                )
                % {"record": exc.record, "state": self.state_label(exc.current_state)},
            )
            return redirect(self.get_success_url())
        except TransitionNotAvailable as exc:
            form.add_error(None, exc.reason or self.not_available_message())
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        done = _("“%(record)s”: %(action)s done; it is now “%(state)s”.") % {
            "record": record,
            "action": self.spec.label,
            "state": self.state_label(current_state(record, self.spec)),
        }
        # What the command did beyond the state change (which way a reply went, or that
        # nothing was sent), noted by its service: see outcomes.py.
        messages.success(self.request, " ".join([done, *told(record)]))
        return redirect(self.get_success_url())

    def state_label(self, value):
        return state_labels(self.model, self.spec.field).get(value, value)

    def not_available_message(self):
        return _("“%(action)s” is not possible while the record is “%(state)s”.") % {
            "action": self.spec.label,
            "state": self.state_label(self.current_state),
        }

    def get_success_url(self):
        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}
        ):
            return next_url
        if self.inspect_url_name:
            return reverse(self.inspect_url_name, args=[self.object.pk])
        return AdminURLFinder(self.request.user).get_edit_url(self.object) or "/admin/"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            spec=self.spec,
            state_label=self.state_label(self.current_state),
            next=self.request.GET.get("next", ""),
        )
        return context
