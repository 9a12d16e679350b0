"""Admin pieces the leasing viewsets share: state-limited editing, service errors, printing."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton

from workflows.core.money import currency
from workflows.core.viewsets import ProcessEditView

from ..templatetags.leasing_tags import amount

VIEW_ANY = ["add", "change", "delete", "view"]


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


class PrintView(PermissionCheckedMixin, View):
    """A clean A4 page for the customer, in the record's language (not the staff member's)."""

    any_permission_required = VIEW_ANY
    model = None
    template_name = None
    queryset = None

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
            from django.http import Http404

            raise Http404 from None
        with translation.override(self.language_of(record)):
            response = TemplateResponse(request, self.template_name, self.get_context_data(record))
            response.render()
        response["Content-Language"] = self.language_of(record)
        return response
