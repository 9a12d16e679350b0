"""The availability view: which units of a model are free for a period (P2.1, P2.2)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflows.core.admin_pages import FormMediaMixin
from workflows.core.refusal import RefusalMixin

from .availability import Availability, availability, inclusive_end
from .forms import AvailabilityForm
from .models import EquipmentUnit

VIEW_UNITS = "fleet.view_equipmentunit"


class AvailabilityView(RefusalMixin, FormMediaMixin, WagtailAdminTemplateMixin, TemplateView):
    """Choose a model and the first and last day: each unit with free, reserved, on lease or
    out of service for that period, and the contracts that booked it."""

    template_name = "fleet/availability.html"
    page_title = _("Availability")
    header_icon = "date"

    refusal_permission = VIEW_UNITS

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AvailabilityForm(self.request.GET or None)
        rows = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            units = EquipmentUnit.objects.filter(equipment_model=data["equipment_model"])
            rows = availability(units, data["start"], inclusive_end(data["end"]))
            context["counts"] = {
                choice.label: sum(1 for row in rows if row.status == choice)
                for choice in Availability
            }
            context["free"] = sum(1 for row in rows if row.is_free)
        context.update(form=form, rows=rows)
        return context
