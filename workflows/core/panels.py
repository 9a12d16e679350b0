"""Admin home panels: what waits for me, and my messages (DESIGN.md step 6)."""

from django.db.models import F
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .choices import MessageChannel
from .models import OutboundMessage
from .registry import index_url, inspect_url, viewsets


class WorkQueuePanel(Component):
    """Records whose next step this user's role takes, oldest deadline first.

    One query per process model, whatever the number of records.
    """

    name = "work_queue"
    template_name = "core/panels/work_queue.html"
    order = 50
    per_model = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        now = timezone.now()
        sections = []
        for model in viewsets():
            queryset = model.waiting_for(self.user).order_by(
                F("due_at").asc(nulls_last=True), "created_at"
            )
            rows = list(queryset[: self.per_model + 1])
            if not rows:
                continue
            sections.append(
                {
                    "label": model._meta.verbose_name_plural,
                    "index_url": index_url(model),
                    "more": len(rows) > self.per_model,
                    "rows": [
                        {
                            "record": record,
                            "url": inspect_url(record),
                            "state": record.get_state_display(),
                            "due_at": record.due_at,
                            "overdue": record.due_at is not None and record.due_at < now,
                        }
                        for record in rows[: self.per_model]
                    ],
                }
            )
        return {"sections": sections}


class MessagesPanel(Component):
    """The user's unread in-app messages."""

    name = "my_messages"
    template_name = "core/panels/messages.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        messages = list(
            OutboundMessage.objects.filter(
                recipient_user=self.user, channel=MessageChannel.IN_APP, read_at__isnull=True
            ).order_by("-created_at")[:10]
        )
        return {"messages": messages, "csrf_token": parent_context.get("csrf_token")}
