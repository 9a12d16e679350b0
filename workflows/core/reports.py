"""The overdue report: every open record past its deadline, across all processes."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .admin_pages import TitledAdminPageMixin
from .refusal import RefusalMixin
from .registry import inspect_url, viewsets
from .scope import visible


def can_view(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def overdue_models(user):
    return [model for model in viewsets() if can_view(user, model)]


class OverdueReportView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    """One query per process model the user may see; at most `limit` rows each."""

    template_name = "core/overdue_report.html"
    page_title = _("Overdue")
    header_icon = "warning"
    limit = 200

    def has_refusal_permission(self):
        return bool(overdue_models(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        sections = []
        for model in overdue_models(self.request.user):
            overdue = visible(self.request.user, model, model.objects.open().overdue(now))
            records = list(overdue.order_by("due_at")[: self.limit])
            sections.append(
                {
                    "label": model._meta.verbose_name_plural,
                    "rows": [
                        {
                            "record": record,
                            "url": inspect_url(record),
                            "state": record.get_state_display(),
                            "due_at": record.due_at,
                            "late": now - record.due_at,
                            "escalated_at": record.escalated_at,
                        }
                        for record in records
                    ],
                }
            )
        context["sections"] = sections
        return context
