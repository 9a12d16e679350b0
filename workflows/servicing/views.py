"""Admin views of maintenance beyond the shared ones: reporting a repair, the unit archive."""

import datetime
from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import CreateView

from workflows.core.admin_pages import FormMediaMixin
from workflows.core.exports import neutralise, site_time, zone_heading
from workflows.core.refusal import RefusalMixin
from workflows.fleet.models import EquipmentUnit

from .archive import unit_life
from .permissions import VIEW_UNITS
from .services import report_repair


class RepairCreateView(RefusalMixin, CreateView):
    """A customer's call about a fault: the command numbers the repair and writes its History."""

    permission_required = CreateView.permission_required

    def has_refusal_permission(self):
        return report_repair.command.user_may(self.request.user)

    def save_instance(self):
        return report_repair(self.form.save(commit=False), user=self.request.user)


class UnitArchiveView(RefusalMixin, FormMediaMixin, WagtailAdminTemplateMixin, TemplateView):
    """One unit's whole life in order (P4.3); `?format=print` for A4, `?format=xlsx` for Excel."""

    refusal_permission = VIEW_UNITS
    template_name = "servicing/unit_archive.html"
    print_template_name = "servicing/unit_archive_print.html"

    def get_page_title(self):
        return _("Archive of %(unit)s") % {"unit": self.unit.asset_number}

    def get(self, request, *args, **kwargs):
        self.unit = get_object_or_404(
            EquipmentUnit.objects.select_related("equipment_model"), pk=kwargs["pk"]
        )
        self.entries = unit_life(self.unit, request.user)
        fmt = request.GET.get("format")
        if fmt == "xlsx":
            return self.excel()
        if fmt == "print":
            self.template_name = self.print_template_name
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = reverse("servicing_unit_archive", args=[self.unit.pk])
        context.update(
            unit=self.unit,
            entries=self.entries,
            print_url=f"{url}?format=print",
            excel_url=f"{url}?format=xlsx",
            printed_at=timezone.now(),
        )
        return context

    def excel(self):
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.unit.asset_number[:31])
        sheet.append([zone_heading(_("When")), str(_("What")), str(_("Record")), str(_("Details"))])
        for entry in self.entries:
            when = entry.when
            if isinstance(when, datetime.datetime):
                when = site_time(when)
            sheet.append(
                [when, neutralise(entry.kind), neutralise(entry.title), neutralise(entry.detail)]
            )
        out = BytesIO()
        workbook.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="unit-archive-{self.unit.asset_number}.xlsx"'
        )
        return response
