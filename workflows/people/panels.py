"""HR's admin home panel: sessions coming up, department plans awaiting approval (P8.3) and
development plans whose review date has passed (P8.4)."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from .choices import PlanState, SessionState
from .models import DevelopmentPlan, TrainingSession


class TrainingPanel(Component):
    """Four queries, whatever the number of sessions and plans."""

    name = "training"
    template_name = "people/panels/training.html"
    order = 120
    limit = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from learning.models import DepartmentPlanPage

        sessions = TrainingSession.objects.filter(
            state=SessionState.PLANNED, starts_at__gte=timezone.now()
        ).order_by("starts_at")[: self.limit]
        # Workflow states name pages by their base type (Page) and a text id.
        in_moderation = WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(Page)
        )
        plans = (
            DepartmentPlanPage.objects.filter(
                pk__in=[int(pk) for pk in in_moderation.values_list("object_id", flat=True)]
            )
            .select_related("owner")
            .order_by("latest_revision_created_at")[: self.limit]
        )
        overdue = (
            DevelopmentPlan.objects.filter(state=PlanState.ACTIVE, due_at__lt=timezone.now())
            .select_related("employee")
            .order_by("review_on", "pk")[: self.limit]
        )
        return {"sessions": list(sessions), "plans": list(plans), "overdue_reviews": list(overdue)}
