"""Admin pieces the leasing viewsets share: refusals, state-limited editing, service errors,
printing."""

import functools
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from workflows.core.admin_pages import FormMediaMixin
from workflows.core.money import currency
from workflows.core.refusal import RefusalMixin, refuse
from workflows.core.viewsets import ProcessEditView

from ..templatetags.leasing_tags import amount

VIEW_ANY = ["add", "change", "delete", "view"]


class RefusedWith403:
    """A view whose refusals, Wagtail's own permission checks and the commands' alike,
    answer the one 403 page instead of Wagtail's redirect to the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            return refuse(request, exc)


@functools.cache
def refused_with_403(view_class):
    if issubclass(view_class, (RefusedWith403, RefusalMixin)):
        return view_class
    return type(view_class.__name__, (RefusedWith403, view_class), {"__module__": __name__})


class RefusingViewSetMixin:
    """Every view of the viewset (listing, add, edit, inspect, delete, history...) refuses
    with the one 403 page.

    Wagtail's views keep their own `permission_required` ("add", "change"...),
    which `RefusalMixin` would shadow; they are wrapped instead.
    """

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(refused_with_403(view_class), **kwargs)


def add_service_error(form, exc):
    """Show a service's `ValidationError` on the form: on its field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ServiceFormMixin:
    """Create and edit views whose saving goes through a service that may refuse."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            add_service_error(form, exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class StateLimitedEditView(ServiceFormMixin, ProcessEditView):
    """Editing only in the model's `EDITABLE_STATES`; otherwise the record is shown as it is."""

    not_editable_message = _("“%(record)s” is “%(state)s” and cannot be edited now.")

    def dispatch(self, request, *args, **kwargs):
        # A user who may not edit is refused before being told the record's state.
        if not self.user_has_permission_for_instance(self.permission_required, self.object):
            return refuse(request)
        if self.object.state not in self.model.EDITABLE_STATES:
            messages.warning(
                request,
                self.not_editable_message
                % {"record": self.object, "state": self.object.get_state_display()},
            )
            return redirect(reverse(self.inspect_url_name, args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)

    def lock_for_edit(self):
        """Re-read the row under lock and refuse if it left the editable states meanwhile."""
        current = self.model._default_manager.select_for_update().get(pk=self.object.pk)
        if current.state not in self.model.EDITABLE_STATES:
            raise ValidationError(
                self.not_editable_message
                % {"record": current, "state": current.get_state_display()}
            )
        return current


class ReadableFieldsMixin:
    """Inspect pages show yes/no and amounts as people read them, not `True` and `240000.00`."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, Decimal):
            return f"{amount(value)} {currency()}"
        return value


def print_button(url):
    return HeaderButton(
        _("Print"),
        url=url,
        icon_name="doc-full",
        attrs={"target": "_blank", "rel": "noopener", "data-print": "true"},
        priority=90,
    )


class PrintView(RefusalMixin, View):
    """A clean A4 page for the customer, in the record's language (not the staff member's).

    For staff who may see the record (view, add, change or delete it); 403 otherwise.
    """

    model = None
    template_name = None
    queryset = None

    def has_refusal_permission(self):
        opts = self.model._meta
        return any(
            self.request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in VIEW_ANY
        )

    def get_object(self, pk):
        queryset = self.queryset if self.queryset is not None else self.model._default_manager
        return queryset.get(pk=pk)

    def language_of(self, record):
        return record.language

    def get_context_data(self, record):
        return {"object": record}

    def get(self, request, pk):
        try:
            record = self.get_object(pk)
        except self.model.DoesNotExist:
            raise Http404 from None
        with translation.override(self.language_of(record)):
            response = TemplateResponse(request, self.template_name, self.get_context_data(record))
            response.render()
        response["Content-Language"] = self.language_of(record)
        return response


class ContractFormView(RefusalMixin, FormMediaMixin, WagtailAdminTemplateMixin, FormView):
    """A form about one contract, reached from its page: the contract from the URL, its form
    given the contract, breadcrumbs back through the contract, and back to the contract with a
    message when its state no longer allows the form (`refused_in_state`)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        from ..models import Contract

        self.contract = get_object_or_404(
            Contract.objects.select_related("plan", "customer"), pk=kwargs["pk"]
        )
        self.inspect_url = reverse(
            "wagtailsnippets_leasing_contract:inspect", args=[self.contract.pk]
        )

    def refused_in_state(self):
        """A warning to go back to the contract with, or None when the form is open."""
        return None

    def back_to_contract(self):
        warning = self.refused_in_state()
        if warning is None:
            return None
        messages.warning(self.request, warning)
        return redirect(self.inspect_url)

    def get(self, request, *args, **kwargs):
        return self.back_to_contract() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.back_to_contract() or super().post(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.contract)

    def get_breadcrumbs_items(self):
        from ..models import Contract

        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_leasing_contract:list"),
                "label": Contract._meta.verbose_name_plural,
            },
            {"url": self.inspect_url, "label": str(self.contract)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contract": self.contract}
