from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .kpi import reply_timeliness

PERIODS = [(7, _("last 7 days")), (30, _("last 30 days")), (90, _("last 90 days"))]


class ReplyTimelinessPanel(Component):
    """Reply timeliness on the admin home: replied by the deadline ÷ all due, promised or not."""

    name = "reply_timeliness"
    template_name = "consultations/panels/reply_timeliness.html"
    order = 70

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        try:
            days = int(self.request.GET.get("timeliness_days", 30))
        except ValueError:
            days = 30
        if days not in dict(PERIODS):
            days = 30
        now = timezone.now()
        result = reply_timeliness(now - timedelta(days=days), now, now=now)
        return {
            "periods": PERIODS,
            "days": days,
            "result": result,
            "percent": None if result.rate is None else round(result.rate * 100, 1),
        }
