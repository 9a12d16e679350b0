"""Reports → KPIs (P7.3): each figure beside its definition and target, its monthly trend,
and a drill-down to exactly the records it counts."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.snippets.views.snippets import CreateView

from workflows.core.admin_pages import TitledAdminPageMixin
from workflows.core.refusal import RefusalMixin
from workflows.core.registry import inspect_url
from workflows.core.viewsets import ProcessInspectView

from .kpi.registry import registry
from .models import KPIMonth, KPITarget, Scope, Survey
from .services import (
    open_assessment,
    order_rectification,
    plan_inspection,
    record_finding,
    report_problem,
)
from .services.kpis import last_months, month_bounds, month_start

VIEW_KPIS = "quality.view_kpitarget"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DRILL_DOWN_ROWS = 200


def chosen_month(request):
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        from django.utils import timezone

        return month_start(timezone.localdate())


def trend_chart(values, *, title):
    """A small line of monthly values as inline SVG; gaps where a month counted nothing."""
    width, height, step = 240, 48, 240 / max(len(values) - 1, 1)
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1
    points = [
        (round(i * step, 1), round(height - 4 - (v - low) / span * (height - 8), 1))
        for i, v in enumerate(values)
        if v is not None
    ]
    return format_html(
        '<svg class="kpi-trend" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<polyline fill="none" stroke="#007d7e" stroke-width="2" points="{}"/>{}</svg>',
        title,
        width,
        height,
        width,
        height,
        title,
        " ".join(f"{x},{y}" for x, y in points),
        format_html_join(
            "", '<circle cx="{}" cy="{}" r="2.5" fill="#007d7e"/>', ((x, y) for x, y in points)
        ),
    )


class KPIReportView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    template_name = "quality/kpi_report.html"
    page_title = gettext_lazy("KPIs")
    header_icon = "crosshairs"
    refusal_permission = VIEW_KPIS

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            month = chosen_month(request)
            response = HttpResponse(kpi_workbook(month), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="kpis-{month:%Y-%m}.xlsx"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = chosen_month(self.request)
        start, end = month_bounds(month)
        months = last_months(12)
        targets = {t.code: t for t in KPITarget.objects.all()}
        stored = {}
        for row in KPIMonth.objects.filter(scope=Scope.COMPANY, month__gte=months[0]):
            stored[(row.code, row.month)] = row
        rows = []
        for kpi in registry().values():
            target = targets.get(kpi.code)
            if target is not None and not target.active:
                continue
            figure = kpi.measure(start, end)
            goal = target.target if target else kpi.default_target
            trend = [
                (lambda r: kpi.value(r.numerator, r.denominator) if r else None)(
                    stored.get((kpi.code, m))
                )
                for m in months
            ]
            rows.append(
                {
                    "kpi": kpi,
                    "figure": figure,
                    "target": goal,
                    "meets": kpi.meets(figure.value, goal),
                    "trend": trend_chart(trend, title=kpi.label),
                }
            )
        context.update(rows=rows, month=month, month_value=f"{month:%Y-%m}")
        return context


class KPIDrillDownView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    template_name = "quality/kpi_drill_down.html"
    header_icon = "crosshairs"
    refusal_permission = VIEW_KPIS

    def get_page_title(self):
        return self.kpi.label

    def dispatch(self, request, code, *args, **kwargs):
        self.kpi = registry().get(code)
        if self.kpi is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = chosen_month(self.request)
        start, end = month_bounds(month)
        scope = {}
        if self.request.GET.get("department"):
            scope["department"] = self.request.GET["department"]
        if self.request.GET.get("employee", "").isdigit():
            scope["employee"] = int(self.request.GET["employee"])
        records = self.kpi.counted(start, end, **scope).order_by(*self.kpi.order_by)
        rows = [
            [_cell(record, path) for _heading, path in self.kpi.columns] + [record.kpi_value]
            for record in records[:DRILL_DOWN_ROWS]
        ]
        context.update(
            kpi=self.kpi,
            figure=self.kpi.measure(start, end, **scope),
            headings=[heading for heading, _path in self.kpi.columns],
            rows=rows,
            month=month,
        )
        return context


def _cell(record, path):
    value = getattr(record, path)
    return value() if callable(value) else value


class CommandCreateView(RefusalMixin, CreateView):
    """A create view whose record is stored by a command; what the command refuses is shown
    on the form, nothing saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ProblemReportCreateView(CommandCreateView):
    """An employee reports a problem; the command names them as reporter, the History does not."""

    refusal_permission = "quality.add_problemreport"

    def save_instance(self):
        return report_problem(self.form.save(commit=False), user=self.request.user)

    def get_success_url(self):
        return reverse("wagtailsnippets_quality_problemreport:list")


class InspectionCreateView(CommandCreateView):
    refusal_permission = "quality.add_inspection"

    def save_instance(self):
        return plan_inspection(self.form.save(commit=False), user=self.request.user)


class AssessmentCreateView(CommandCreateView):
    refusal_permission = "quality.assess"

    def save_instance(self):
        return open_assessment(self.form.save(commit=False), user=self.request.user)


def kpi_workbook(month):
    """The month's figures, company-wide and per department and employee, with definitions:
    one grouped query per KPI."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from workflows.core.exports import neutralise

    start, end = month_bounds(month)
    targets = {t.code: t for t in KPITarget.objects.all()}
    workbook = Workbook()
    summary = workbook.active
    summary.title = str(_("KPIs"))[:31]
    summary.append(
        [
            str(h)
            for h in (
                _("KPI"),
                _("Value"),
                _("Target"),
                _("Numerator"),
                _("Records"),
                _("Definition"),
            )
        ]
    )
    detail = workbook.create_sheet(str(_("By department and employee"))[:31])
    detail.append(
        [str(h) for h in (_("KPI"), _("Department"), _("Employee id"), _("Value"), _("Records"))]
    )
    for sheet in (summary, detail):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    for kpi in registry().values():
        groups = kpi.grouped(start, end)
        numerator = sum(n for n, _d in groups.values())
        denominator = sum(d for _n, d in groups.values())
        target = targets.get(kpi.code)
        summary.append(
            [
                neutralise(str(kpi.label)),
                kpi.value(numerator, denominator),
                float(target.target if target else kpi.default_target),
                numerator,
                denominator,
                neutralise(str(kpi.definition)),
            ]
        )
        for (department, employee), (n, d) in sorted(groups.items(), key=str):
            detail.append([neutralise(str(kpi.label)), department, employee, kpi.value(n, d), d])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SurveyResultsView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    """Survey results per department, employee and customer for a period (P7.2):
    one grouped query each."""

    template_name = "quality/survey_results.html"
    page_title = gettext_lazy("Survey results")
    header_icon = "pick"
    refusal_permission = "quality.view_survey"

    def get_context_data(self, **kwargs):
        from django.db.models import Avg, Count

        from .choices import DIMENSIONS

        context = super().get_context_data(**kwargs)
        try:
            months = max(1, min(int(self.request.GET.get("months", 3)), 24))
        except ValueError:
            months = 3
        first = last_months(months)[0]
        start, _end = month_bounds(first)
        answered = Survey.objects.filter(answered_at__gte=start).order_by()
        averages = {name: Avg(name) for name, _label in DIMENSIONS}
        groups = {}
        for key, fields in [
            ("department", ["department"]),
            (
                "employee",
                ["employee", "employee__first_name", "employee__last_name", "employee__username"],
            ),
            ("customer", ["customer", "customer__name"]),
        ]:
            groups[key] = list(
                answered.values(*fields)
                .annotate(count=Count("pk"), **averages)
                .order_by("-count", fields[0])[:50]
            )
        context.update(
            groups=groups,
            dimensions=DIMENSIONS,
            months=months,
            asked=Survey.objects.filter(sent_at__gte=start).count(),
            answered=answered.count(),
        )
        return context


class FindingCreateView(CommandCreateView):
    refusal_permission = "quality.inspect"

    def save_instance(self):
        finding = self.form.save(commit=False)
        return record_finding(
            finding.inspection,
            user=self.request.user,
            description=finding.description,
            conforms=finding.conforms,
            checklist_item=finding.checklist_item,
            employee=finding.employee,
        )


class RectificationOrderCreateView(CommandCreateView):
    refusal_permission = "quality.verify_rectification"

    def save_instance(self):
        return order_rectification(self.form.save(commit=False), user=self.request.user)


class AssessmentInspectView(ProcessInspectView):
    """An assessment's page also links to what its approval proposed (P7.5): the promotion or
    rotation and the mentor pairing, each shown to whoever may see that kind of record (the
    employee reading their published assessment sees none)."""

    def get_field_label(self, field_name, field):
        if field_name == "proposals":
            return _("Proposed on approval")
        return super().get_field_label(field_name, field)

    def get_proposals_display_value(self):
        from .services.proposals import proposals_of

        user = self.request.user
        shown = [
            record
            for record in proposals_of(self.object)
            if user.has_perm(f"{record._meta.app_label}.view_{record._meta.model_name}")
        ]
        if not shown:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">{} ({})</a>',
            ((inspect_url(r), r, r.get_state_display()) for r in shown),
        )
