"""Reports → Complaint analysis (P9.6): by month, category, channel, department and cause."""

from django import forms as dj_forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.widgets import AdminDateInput

from workflows.core.admin_pages import TitledAdminPageMixin
from workflows.core.refusal import RefusalMixin

from ..access import sees_every_complaint
from .chart import bar_chart
from .excel import workbook_bytes
from .queries import Period, analyse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_analyse(user, record=None):
    """Customer Service, Supervision and Management: those who see every complaint."""
    return sees_every_complaint(user)


class PeriodForm(dj_forms.Form):
    start = dj_forms.DateField(label=gettext_lazy("From"), widget=AdminDateInput)
    end = dj_forms.DateField(label=gettext_lazy("To"), widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", _("The end of the period must not come before its start."))
        return cleaned


class ComplaintAnalysisView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    template_name = "complaints/analysis.html"
    page_title = gettext_lazy("Complaint analysis")
    header_icon = "warning"
    refusal_permission = staticmethod(may_analyse)

    def get_period(self):
        default = Period.last_twelve_months()
        data = self.request.GET
        if "start" not in data and "end" not in data:
            form = PeriodForm(initial={"start": default.start, "end": default.end})
            return form, default
        form = PeriodForm(data)
        if form.is_valid():
            return form, Period(form.cleaned_data["start"], form.cleaned_data["end"])
        return form, default

    def get(self, request, *args, **kwargs):
        self.form, self.period = self.get_period()
        if request.GET.get("export") == "xlsx":
            analysis = analyse(self.period)
            response = HttpResponse(workbook_bytes(analysis), content_type=XLSX)
            response["Content-Disposition"] = (
                f'attachment; filename="complaint-analysis-{self.period.start:%Y%m%d}-'
                f'{self.period.end:%Y%m%d}.xlsx"'
            )
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        analysis = analyse(self.period)
        share = analysis.share_within_deadline
        export_query = self.request.GET.copy()
        export_query["export"] = "xlsx"
        export_query.setdefault("start", self.period.start.isoformat())
        export_query.setdefault("end", self.period.end.isoformat())
        context.update(
            form=self.form,
            analysis=analysis,
            share_percent=None if share is None else round(share * 100, 1),
            hours_to_close=(
                None
                if analysis.average_time_to_close is None
                else round(analysis.average_time_to_close.total_seconds() / 3600, 1)
            ),
            month_chart=bar_chart(analysis.by_month, title=_("Complaints by month")),
            category_chart=bar_chart(analysis.by_category, title=_("Complaints by category")),
            department_chart=bar_chart(analysis.by_department, title=_("Complaints by department")),
            cause_chart=bar_chart(
                analysis.by_root_cause, title=_("Closed complaints by root cause")
            ),
            export_url="?" + export_query.urlencode(),
        )
        return context
