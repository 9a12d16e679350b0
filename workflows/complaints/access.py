"""Who may do what with a complaint (see README.md, "Who may do what").

Customer Service records, assigns, tells the complainant and closes; the
assigned department investigates and carries out the plan (P9.3, P9.4);
Supervision and Management read everything. A department sees the complaints
assigned to it, not the others'.
"""

from django.db.models import Q

from .choices import DEPARTMENT_GROUPS

HANDLE = "complaints.handle_complaint"
INVESTIGATE = "complaints.investigate_complaint"
VIEW = "complaints.view_complaint"
VIEW_ALL = "complaints.view_all_complaints"
APPLY_CREDIT = "complaints.apply_rent_credit"
COMPLETE_TASK = "complaints.complete_service_task"


def group_names(user):
    """The user's role groups, read once per user object (listings check every row)."""
    names = getattr(user, "_complaint_group_names", None)
    if names is None:
        names = (
            frozenset(user.groups.values_list("name", flat=True))
            if user.is_authenticated
            else frozenset()
        )
        user._complaint_group_names = names
    return names


def departments_of(user):
    names = group_names(user)
    return {department for department, group in DEPARTMENT_GROUPS.items() if group in names}


def may_investigate(complaint, user):
    """The assigned department investigates: the named investigator or a colleague (P9.3)."""
    if user.is_superuser:
        return True
    if not user.has_perm(INVESTIGATE):
        return False
    return complaint.investigator_id == user.pk or complaint.department in departments_of(user)


def may_carry_out(complaint, user):
    """The plan's named owner, or the investigating department, records the resolution (P9.4)."""
    if may_investigate(complaint, user):
        return True
    return user.has_perm(INVESTIGATE) and complaint.plan_owner_id == user.pk


def may_handle_or_investigate(complaint, user):
    """Customer Service, or the department investigating it."""
    return user.is_superuser or user.has_perm(HANDLE) or may_investigate(complaint, user)


def sees_every_complaint(user):
    return user.is_superuser or user.has_perm(VIEW_ALL)


def visible_complaints(user, queryset):
    """The complaints this user may see: all of them, or their department's and their own."""
    if sees_every_complaint(user):
        return queryset
    if not user.has_perm(VIEW):
        return queryset.none()
    return queryset.filter(
        Q(department__in=departments_of(user)) | Q(investigator=user) | Q(plan_owner=user)
    )
