"""The staff section as it must exist: index page, privacy, permissions, moderation.

`ensure_staff_section()` is idempotent: the demo loader runs it, and so may a deployment.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CourseIndexPage, StaffIndexPage, TrainingPlanIndexPage
from .roles import APPROVERS, PLANS_PAGE_PERMISSIONS, SECTION_PAGE_PERMISSIONS

WORKFLOW_NAME = "Staff section approval"
TASK_NAME = "HR approval"


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _grant(page, declared):
    for role, codenames in declared.items():
        group = Group.objects.get(name=role)
        wanted = set(
            Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
        )
        GroupPagePermission.objects.filter(group=group, page=page).exclude(
            permission__in=wanted
        ).delete()
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def ensure_staff_section(home, *, title=None, slug="staff"):
    """The staff section under `home`, with everything it needs; returns its index page."""
    index = StaffIndexPage.objects.first()
    if index is None:
        index = _publish(home, StaffIndexPage(title=title or _("Staff section"), slug=slug))
    if not PageViewRestriction.objects.filter(page=index).exists():
        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    plans = TrainingPlanIndexPage.objects.descendant_of(index).first()
    if plans is None:
        plans = _publish(index, TrainingPlanIndexPage(title=_("Training plans"), slug="plans"))
    if not CourseIndexPage.objects.descendant_of(index).exists():
        _publish(index, CourseIndexPage(title=_("Online learning"), slug="courses"))
    _grant(index, SECTION_PAGE_PERMISSIONS)
    _grant(plans, PLANS_PAGE_PERMISSIONS)
    _moderation(index)
    return index


def _moderation(index):
    """Everything submitted in the section goes to HR, whose approval publishes it."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set(Group.objects.filter(name__in=APPROVERS))
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
