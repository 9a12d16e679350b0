"""Which records a user may see, in every view that lists, names or chooses them.

The listing, inspect, edit and history views of each process narrow their
queryset to what the user may see (`ProcessRecord.visible_to`, e.g. a
department sees its own complaints only). Wagtail's secondary views read the
database on their own: the snippet choosers (`/admin/snippets/choose/...`),
the bulk action confirmation pages (`/admin/bulk/...`) and Reports → Site
history with its CSV/XLSX export. This module is the one policy all of them
honour:

- `may_see_model(user, model)`: any of Wagtail's add/change/delete/view
  permissions on the model (what its snippet listing asks for);
- `visible(user, model, queryset)`: the records of `queryset` the user may
  see, i.e. none without the model permission, else `model.visible_to()`.

The core app installs it at start-up (apps.py): every snippet's chooser
viewset is `ScopedSnippetChooserViewSet`, the snippet delete bulk action is
`ScopedDeleteBulkAction`, and model log entries (the site history) are
narrowed by `viewable_log_entries`.
"""

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)

from .refusal import refuse

MODEL_ACTIONS = ["add", "change", "delete", "view"]


def may_see_model(user, model):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    policy = policy_registry.get_by_type(model)
    if policy is None:
        opts = model._meta
        return any(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in MODEL_ACTIONS
        )
    return policy.user_has_any_permission(user, MODEL_ACTIONS)


def visible(user, model, queryset=None):
    """The records of `queryset` (default: all of `model`) that `user` may see."""
    if queryset is None:
        queryset = model._default_manager.all()
    if not may_see_model(user, model):
        return queryset.none()
    narrow = getattr(model, "visible_to", None)
    return narrow(user, queryset) if narrow is not None else queryset


# Snippet choosers -------------------------------------------------------------------------


class ScopedChooserMixin:
    """Refuse a user who may not see the model; list, search and choose only visible records."""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_model(request.user, self.model_class):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)

    def visible_objects(self):
        return visible(self.request.user, self.model_class)


class ScopedChooseView(ScopedChooserMixin, ChooseView):
    def get_object_list(self):
        return self.visible_objects()


class ScopedChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    def get_object_list(self):
        return self.visible_objects()


class ScopedChosenView(ScopedChooserMixin, SnippetChosenView):
    def get_object(self, pk):
        return self.visible_objects().get(pk=pk)


class ScopedChosenMultipleView(ScopedChooserMixin, SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.visible_objects().filter(pk__in=[pk for pk in pks if str(pk).isdigit()])


class ScopedCreateView(ScopedChooserMixin, SnippetCreateView):
    """Creating from a chooser: none of the project's snippets offer it (records are filed
    through their own add views and commands), so the URL refuses instead of failing."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_view_class = ScopedCreateView


# Bulk actions ---------------------------------------------------------------------------


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's snippet bulk delete, whose confirmation page names only visible records."""

    def get_all_objects_in_listing_query(self, parent_id):
        return visible(self.request.user, self.model).values_list("pk", flat=True)

    def dispatch(self, request, *args, **kwargs):
        if not may_see_model(request.user, self.model):
            return refuse(request)
        objects, extra = self.get_actionable_objects()
        if not objects and not extra["items_with_no_access"]:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return model._default_manager.filter(pk__in=[pk for pk in object_ids if str(pk).isdigit()])

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        shown = set(
            visible(self.request.user, self.model)
            .filter(pk__in=[obj.pk for obj in objects + extra["items_with_no_access"]])
            .values_list("pk", flat=True)
        )
        return (
            [obj for obj in objects if obj.pk in shown],
            {"items_with_no_access": [o for o in extra["items_with_no_access"] if o.pk in shown]},
        )


# Site history -----------------------------------------------------------------------------


def scoped_models():
    """Project models whose records are narrowed per user (they define `visible_to`)."""
    from .roles import project_apps

    return [
        model
        for config in project_apps()
        for model in config.get_models()
        if getattr(model, "visible_to", None) is not None
    ]


def viewable_log_entries(original):
    """Wrap `ModelLogEntryManager.viewable_by_user`: entries about a scoped model's record
    only when the user may see that record (Wagtail gives every entry of a model to anyone
    holding any permission on it)."""

    def viewable_by_user(self, user):
        queryset = original(self, user)
        if user.is_superuser:
            return queryset
        from django.contrib.contenttypes.models import ContentType

        hidden = Q()
        for model in scoped_models():
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            ids = (
                visible(user, model)
                .order_by()
                .annotate(_log_object_id=Cast("pk", CharField()))
                .values("_log_object_id")
            )
            hidden |= Q(content_type_id=content_type.pk) & ~Q(object_id__in=ids)
        return queryset.exclude(hidden) if hidden else queryset

    return viewable_by_user


# Wagtail page views that check nothing on GET ---------------------------------------------


def refuse_move_unless_permitted(request, page, destination):
    """`before_move_page`: the move confirmation names the page, its new parent and how many
    pages go with it; it opens only for a user who may make that move (Wagtail checks only
    when the move is submitted)."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return refuse(request)
    return None


def workflow_editors_only(dispatch):
    """Wrap the workflow task chooser's `dispatch`: it lists every task of every workflow and
    serves only the workflow editor, so only users who may add or change workflows open it."""

    def guarded(view, request, *args, **kwargs):
        from wagtail.models import Workflow

        policy = policy_registry.get_by_type(Workflow)
        if not policy.user_has_any_permission(request.user, ["add", "change"]):
            return refuse(request)
        return dispatch(view, request, *args, **kwargs)

    return guarded
