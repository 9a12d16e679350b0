"""Who is told: the one resolver of "the people to tell" for every process.

A message goes to a named person (the lead set in the service levels, the
investigator, the salesperson), or to the members of a role or department.
Inactive accounts never receive anything: a person who left the company must
not be the only one told of an overdue complaint.

A person is shown by full name everywhere (listings, inspect pages, exports,
prints, History, messages): `person_name` is the one way to name a user.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce, Concat, NullIf, Trim


def person_name(user):
    """The user's full name, else the username (an account with no name given yet);
    "" for nobody. Staff know each other as 陳美玲, not as `cs_lead`."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def person_sort_key(path=""):
    """An expression ordering people as `person_name` shows them (the full name, else the
    username), for a user queryset (`path` empty) or through a link to a user (`path`
    "investigator", "session__trainer")."""
    prefix = f"{path}{LOOKUP_SEP}" if path else ""
    full_name = Trim(Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name"))
    return Coalesce(NullIf(full_name, Value("")), f"{prefix}username")


def is_person_field(model, name):
    """Whether `name` (a field, or a `relation__field` path, of `model`) is a link to
    one user, i.e. whether its value is a person to show by `person_name`."""
    field = None
    for part in name.split(LOOKUP_SEP):
        if model is None:
            return False
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        model = field.related_model if field.is_relation else None
    return (
        field is not None
        and (field.many_to_one or field.one_to_one)
        and field.related_model is get_user_model()
    )


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
