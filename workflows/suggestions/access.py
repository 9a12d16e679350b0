"""Who may act on, see and name the proposer of a suggestion (P9.7).

Every department may be asked to evaluate a suggestion: Customer Service
chooses the department when classifying it, and the members of that
department's group evaluate, adopt or decline it. Management and Supervision
may do so for any suggestion. The owner named at adoption records the
implementation's progress.

An employee may stay anonymous to the assessors: then nobody but an
administrator and the proposer sees the name, except HR once a reward is due,
since a reward cannot be given to nobody.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflows.core.people import person_name

from .choices import RewardState

FILE = "suggestions.add_suggestion"
CLASSIFY = "suggestions.classify_suggestion"
EVALUATE = "suggestions.evaluate_suggestion"
EVALUATE_ANY = "suggestions.evaluate_any_suggestion"
GIVE_REWARD = "suggestions.give_reward"

ANONYMOUS_EMPLOYEE = _("Anonymous employee")


def role_names(user):
    """The names of the user's groups, read once per user object."""
    names = getattr(user, "_suggestion_role_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True)) if user.pk else frozenset()
        user._suggestion_role_names = names
    return names


def may_evaluate(suggestion, user):
    """The department the suggestion was sent to, or Management and Supervision."""
    if user.is_superuser or user.has_perm(EVALUATE_ANY):
        return True
    return bool(
        suggestion.department
        and user.has_perm(EVALUATE)
        and suggestion.department in role_names(user)
    )


def may_implement(suggestion, user):
    """The owner named at adoption; Management and Supervision stand in for an absent owner."""
    if user.is_superuser or user.has_perm(EVALUATE_ANY):
        return True
    return suggestion.owner_id is not None and suggestion.owner_id == user.pk


def sees_everything(user):
    return user.is_superuser or user.has_perm(CLASSIFY) or user.has_perm(EVALUATE_ANY)


def visible_suggestions(queryset, user):
    """The suggestions this user may open.

    Customer Service, Management and Supervision see all; everyone else their
    own, those sent to their department once classified, those they own, and
    (HR) those whose reward is due or given.
    """
    # Read here, once per request, so that the transition buttons of a listing cost no
    # query per row whatever states it shows.
    departments = role_names(user)
    if sees_everything(user):
        return queryset
    from .choices import SuggestionState as S

    visible = Q(proposer=user) | Q(owner=user)
    if user.has_perm(EVALUATE):
        visible |= Q(department__in=departments) & ~Q(state=S.RECEIVED)
    if user.has_perm(GIVE_REWARD):
        visible |= ~Q(reward_state=RewardState.NONE)
    return queryset.filter(visible)


def sees_proposer(suggestion, user):
    """Whether `user` may read the name of an anonymous employee's suggestion."""
    if not suggestion.anonymous_to_assessors:
        return True
    if user is None:
        return False
    if user.is_superuser or (user.pk and user.pk == suggestion.proposer_id):
        return True
    return suggestion.reward_state != RewardState.NONE and user.has_perm(GIVE_REWARD)


def proposer_label(suggestion, user=None):
    """The proposer as `user` may read it; `user=None` is any assessor."""
    if not sees_proposer(suggestion, user):
        return str(ANONYMOUS_EMPLOYEE)
    if suggestion.proposer_id is not None:
        return person_name(suggestion.proposer)
    if suggestion.proposer_company:
        return f"{suggestion.proposer_name} ({suggestion.proposer_company})"
    return suggestion.proposer_name
