"""Customers in the admin: listing with safe exports, create/edit with the duplicate warning,
and the customer page with everything other processes know about the customer."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, EditView, InspectView, SnippetViewSet

from workflows.consultations.models import Consultation
from workflows.core.exports import SafeExportIndexView
from workflows.core.imports import ImportableViewSetMixin
from workflows.core.imports.values import format_phone
from workflows.core.refusal import RefusalMixin
from workflows.core.registry import inspect_url
from workflows.core.viewsets import hooked_header_buttons

from . import services
from .forms import CustomerAdminForm
from .imports import CustomerImport
from .models import Customer
from .panels import DuplicateWarningPanel
from .related import customer_sections

FROM_CONSULTATION = "consultation"


class ServiceSaveMixin(RefusalMixin):
    """Saves through the customers command; a rule it refuses shows on the form, nothing saved.

    A user who may not run the command gets 403 before the form opens.
    """

    service = None

    def has_refusal_permission(self):
        return self.request.user.has_perm(type(self).service.command.permission)

    def save_instance(self):
        instance = self.form.save(commit=False)
        return type(self).service(
            instance, user=self.request.user, allow_duplicates=self.form.allow_duplicates
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)


class CustomerCreateView(ServiceSaveMixin, CreateView):
    """`?consultation=<pk>` prefills the customer from a consultation handed to Sales (P2.1)."""

    service = staticmethod(services.create_customer)

    def source_consultation(self):
        pk = self.request.GET.get(FROM_CONSULTATION, "")
        if not pk.isdigit() or not self.request.user.has_perm("consultations.view_consultation"):
            return None
        return get_object_or_404(Consultation, pk=pk)

    def get_initial_form_instance(self):
        consultation = self.source_consultation()
        if consultation is not None:
            return services.customer_from_consultation(consultation)
        return super().get_initial_form_instance() or self.model()

    def get_add_url(self):
        url = super().get_add_url()
        consultation = self.source_consultation()
        if consultation is not None:
            separator = "&" if "?" in url else "?"
            url += separator + urlencode({FROM_CONSULTATION: consultation.pk})
        return url


class CustomerEditView(ServiceSaveMixin, EditView):
    service = staticmethod(services.update_customer)


class CustomerInspectView(RefusalMixin, InspectView):
    """The customer, its contact people, and a section per process that knows it.

    One query for the customer, one for the contact people, one per section.
    """

    # Wagtail refuses a user with no permission on customers (`any_permission_required`);
    # the mixin turns that refusal into the project's 403.

    template_name = "customers/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Customer.objects.select_related("created_by", "source_consultation"), pk=self.pk
        )

    @cached_property
    def header_buttons(self):
        """Wagtail's buttons, then those other processes add (billing's statement of account)."""
        return [*super().header_buttons, *hooked_header_buttons(self.request, self.object)]

    def get_source_consultation_display_value(self):
        consultation = self.object.source_consultation
        if consultation is None:
            return "—"
        url = inspect_url(consultation)
        if not url or not self.request.user.has_perm("consultations.view_consultation"):
            return str(consultation)
        return format_html('<a href="{}">{}</a>', url, consultation)

    def get_field_display_value(self, field_name, field):
        if field_name == "phone":
            return format_phone(self.object.phone) or "—"
        value = super().get_field_display_value(field_name, field)
        return "—" if value in (None, "") else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contacts"] = contacts = list(self.object.contacts.all())
        for contact in contacts:
            contact.phone_shown = format_phone(contact.phone)
        sections = []
        for section in customer_sections(self.request.user):
            rows, more = section.rows(self.object)
            sections.append({"label": section.label, "rows": rows, "more": more})
        context["sections"] = sections
        return context


class CustomerViewSet(ImportableViewSetMixin, SnippetViewSet):
    model = Customer
    # By substring in the database, as every listing (word-based full-text search found
    # nothing for part of a Chinese name).
    search_backend_name = None
    search_fields = ["name", "tax_number", "phone", "email", "address"]
    import_spec = CustomerImport
    icon = "group"
    menu_label = _("Customers")
    menu_order = 110
    add_to_admin_menu = True
    index_view_class = SafeExportIndexView
    add_view_class = CustomerCreateView
    edit_view_class = CustomerEditView
    inspect_view_class = CustomerInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "kind",
        "tax_number",
        Column(
            "phone",
            label=capfirst(_("phone")),
            accessor=lambda customer: format_phone(customer.phone),
            sort_key="phone",
        ),
        "email",
        "created_at",
    ]
    list_filter = ["kind"]
    list_export = [
        "name",
        "kind",
        "tax_number",
        "phone",
        "email",
        "address",
        "notes",
        "created_at",
    ]
    export_filename = "customers"
    ordering = ["name"]
    inspect_view_fields = [
        "kind",
        "name",
        "tax_number",
        "phone",
        "email",
        "address",
        "notes",
        "source_consultation",
        "created_by",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            DuplicateWarningPanel(heading=_("Possible duplicates")),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("tax_number")]),
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldPanel("address"),
                    FieldPanel("notes"),
                ],
                heading=_("Customer"),
            ),
            InlinePanel(
                "contacts",
                heading=_("Contact people"),
                label=_("Contact person"),
                panels=[
                    FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                ],
            ),
        ],
        base_form_class=CustomerAdminForm,
    )

    def get_queryset(self, request):
        return Customer.objects.all()
