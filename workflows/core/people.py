"""Who is told: the one resolver of "the people to tell" for every process.

A message goes to a named person (the lead set in the service levels, the
investigator, the salesperson), or to the members of a role or department.
Inactive accounts never receive anything: a person who left the company must
not be the only one told of an overdue complaint.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q


def active_users():
    return get_user_model().objects.filter(is_active=True)


def members(*roles):
    """Active members of any of `roles` (group names), each once, in a stable order."""
    roles = [role for role in roles if role]
    if not roles:
        return []
    return list(active_users().filter(groups__name__in=roles).distinct().order_by("pk"))


def members_queryset(*roles, superusers=False):
    """The same people as `members`, as a queryset for form choices; with `superusers`,
    the administrators too."""
    chosen = Q(groups__name__in=[r for r in roles if r])
    if superusers:
        chosen |= Q(is_superuser=True)
    return active_users().filter(chosen).distinct()


def people_to_tell(*, lead=None, roles=(), users=()):
    """The active people a message goes to.

    - `lead`: when given and active, the lead alone is told (the lead stands for
      the role, e.g. the Customer Service lead of the service levels);
    - otherwise the active `users` named plus every active member of `roles`.
    """
    if lead is not None and lead.is_active:
        return [lead]
    chosen = {}
    for user in users:
        if user is not None and user.is_active:
            chosen[user.pk] = user
    for user in members(*roles):
        chosen.setdefault(user.pk, user)
    return sorted(chosen.values(), key=lambda u: u.pk)
