"""Admin views that run servicing's non-transition commands: open a repair from a visit,
a follow-up or a complaint's service task; put a replacement unit on the contract."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.widgets import HeaderButton

from workflows.complaints.models import ServiceTask
from workflows.core.admin_pages import TitledAdminPageMixin
from workflows.core.refusal import RefusalMixin
from workflows.core.registry import inspect_url
from workflows.fleet.models import EquipmentUnit
from workflows.followups.models import FollowUp

from . import services
from .choices import VisitState as VS
from .forms import OpenRepairForm, ReplacementForm
from .models import MaintenanceVisit, Repair
from .services.replacements import SWAPPABLE_STATES

#: source kind → (model, service)
SOURCES = {
    "visit": (MaintenanceVisit, services.open_repair_from_visit),
    "follow_up": (FollowUp, services.open_repair_from_follow_up),
    "service_task": (ServiceTask, services.open_repair_from_service_task),
}


def contract_of(kind, record):
    if kind == "service_task":
        return record.complaint.contract
    return record.contract


def may_open_from(kind, record):
    if kind == "visit":
        return record.state in (VS.RECORDED, VS.SIGNED_OFF) and bool(record.findings.strip())
    return True


class CommandFormView(RefusalMixin, TitledAdminPageMixin, FormView):
    template_name = "servicing/command_form.html"
    header_icon = "cogs"

    def has_refusal_permission(self):
        return self.service.command.user_may(self.request.user, self.object)

    def get_page_subtitle(self):
        return str(self.object)

    def form_valid(self, form):
        try:
            result = self.run(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(inspect_url(result))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "label": self.get_page_title(),
            "cancel_url": inspect_url(self.object),
        }


class OpenRepairView(CommandFormView):
    form_class = OpenRepairForm
    page_title = gettext_lazy("Open a repair")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["kind"] not in SOURCES:
            raise Http404
        self.kind = kwargs["kind"]
        model, self.service = SOURCES[self.kind]
        self.object = get_object_or_404(model, pk=kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kind == "visit":
            return {**kwargs, "units": None, "fault": self.object.findings}
        contract = contract_of(self.kind, self.object)
        units = (
            EquipmentUnit.objects.filter(lease_bookings__contract=contract).distinct()
            if contract is not None
            else EquipmentUnit.objects.all()
        )
        fault = self.object.description if self.kind == "service_task" else ""
        return {**kwargs, "units": units, "fault": fault}

    def run(self, data):
        return self.service(self.object, user=self.request.user, **data)

    def success_message(self, repair):
        return _("Repair %(reference)s was opened.") % {"reference": repair.reference}


class ReplacementView(CommandFormView):
    form_class = ReplacementForm
    page_title = gettext_lazy("Put in a replacement unit")
    service = staticmethod(services.swap_in_replacement)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Repair.objects.select_related("unit"), pk=kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "repair": self.object}

    def run(self, data):
        return self.service(self.object, user=self.request.user, **data)

    def success_message(self, repair):
        return _("The replacement unit is booked on the contract.")


def header_buttons(request, record):
    """ "Open a repair" on visits with findings, follow-ups and service tasks; "Put in a
    replacement unit" on an open repair on a contract."""
    user = request.user
    for kind, (model, service) in SOURCES.items():
        if (
            type(record) is model
            and may_open_from(kind, record)
            and service.command.user_may(user, record)
        ):
            return [
                HeaderButton(
                    _("Open a repair"),
                    url=reverse("servicing_open_repair", args=[kind, record.pk]),
                    icon_name="cogs",
                    attrs={"data-open-repair": kind},
                    priority=55,
                )
            ]
    if (
        isinstance(record, Repair)
        and record.state in SWAPPABLE_STATES
        and record.contract_id
        and record.replacement_booking_id is None
        and services.swap_in_replacement.command.user_may(user, record)
    ):
        return [
            HeaderButton(
                _("Put in a replacement unit"),
                url=reverse("servicing_replacement", args=[record.pk]),
                icon_name="repeat",
                attrs={"data-replacement": "true"},
                priority=55,
            )
        ]
    return []
