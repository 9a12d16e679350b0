"""Bulk transitions on every process listing (DESIGN.md, "The one mechanism", step 3).

A department often moves many records at once: Customer Service closes the
consultations it has answered, Sales sends several plans. Every transition
whose confirmation asks for nothing but a note (its form is the plain
`TransitionForm`) becomes a Wagtail bulk action on the process's snippet
listing: the checkboxes, the footer bar and the confirmation page are
Wagtail's. Nothing is listed by hand: the actions are generated from each
process model's transitions and its viewset's `transition_forms`.

Each chosen record then goes through the same command as the single
transition button (`commands.for_transition`), one record per transaction:
permission, source state and conditions are checked on the locked row, each
record gets its own History entry and its own notifications after commit,
and a refusal of one record leaves the others alone. The user reads a
summary: how many moved and, for each record left as it was, why.
"""

from django import forms as dj_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property, classproperty
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_fsm import ANY_OTHER_STATE, ANY_STATE
from wagtail import hooks
from wagtail.admin.messages import render as render_message
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import get_snippet_models

from .commands import for_transition
from .exceptions import RecordChanged, TransitionNotAvailable
from .forms import TransitionForm
from .refusal import refuse
from .registry import viewsets
from .transitions import get_spec, process_models, state_field, transition_specs

ACTION_PREFIX = "transition-"


class BulkTransitionForm(dj_forms.Form):
    """The note every chosen record's History gets, and the state the user saw each one in."""

    note = dj_forms.CharField(
        label=TransitionForm.note_label,
        required=TransitionForm.note_required,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        for record in records:
            self.fields[self.state_field_name(record)] = dj_forms.CharField(
                widget=dj_forms.HiddenInput,
                required=False,
                initial=state_field(type(record)).get_state(record),
            )

    @staticmethod
    def state_field_name(record):
        return f"seen_{record.pk}"

    def seen_state(self, record):
        """The state the user saw the record in on the confirmation page (empty if unknown)."""
        return self.cleaned_data.get(self.state_field_name(record)) or ""


def offers_in_bulk(model, name):
    """Whether transition `name` of `model` is a bulk action on its listing: its viewset is
    a process viewset and the transition asks for nothing but a note."""
    viewset = viewsets().get(model)
    if viewset is None or model not in get_snippet_models():
        return False
    return (viewset.transition_forms or {}).get(name, TransitionForm) is TransitionForm


class BulkTransitionAction(SnippetBulkAction):
    """Base of the generated actions: `process_model` and `transition` say which."""

    process_model = None
    transition = None
    template_name = "core/bulk_transition_confirm.html"
    form_class = BulkTransitionForm
    action_priority = 50
    classes = set()

    @classproperty
    def models(cls):
        # Read when Wagtail first scans the bulk actions: by then every viewset is registered.
        if cls.process_model is None or not offers_in_bulk(cls.process_model, cls.transition):
            return []
        return [cls.process_model]

    @classproperty
    def spec(cls):
        return get_spec(cls.process_model, cls.transition)

    @classmethod
    def get_command(cls):
        """The transition's command, found when used: the single button runs the same one."""
        return for_transition(cls.process_model, cls.transition)

    @classmethod
    def is_offered_to(cls, user):
        """Whether the footer shows this action to `user` (the records decide the rest)."""
        if not user.is_active or cls.get_command() is None:
            return False
        if user.is_superuser:
            return True
        permission = cls.spec.permission
        if callable(permission):
            # Decided record by record (a department's own records): offered to those who
            # may see the records at all; the confirmation says which ones they may move.
            opts = cls.process_model._meta
            return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        return cls.spec.has_perm(user)

    # Which records ---------------------------------------------------------

    def may_view(self):
        return self.request.user.is_superuser or self.permission_policy.user_has_permission(
            self.request.user, "view"
        )

    def base_queryset(self):
        viewset = viewsets().get(self.model)
        queryset = viewset.get_queryset(self.request) if viewset is not None else None
        if queryset is None:
            queryset = self.model._default_manager.all()
        return queryset

    def source_filter(self):
        sources = set(self.spec.sources)
        if sources & {ANY_STATE, ANY_OTHER_STATE}:
            return Q()
        return Q(**{f"{state_field(self.model).name}__in": sources})

    @cached_property
    def chosen_records(self):
        """The chosen records this user may see, in the listing's order of choice."""
        if not self.may_view():
            return []
        object_ids = self.request.GET.getlist("id")
        queryset = self.base_queryset()
        if "all" in object_ids:
            # "Select all in listing": only the records this transition starts from.
            queryset = queryset.filter(self.source_filter())
        else:
            queryset = queryset.filter(pk__in=[pk for pk in object_ids if pk])
        return list(self.model.visible_to(self.request.user, queryset).order_by("pk"))

    def refusal_before(self, record):
        """Why `record` would not move, as read now (the command checks again on the locked row)."""
        state = state_field(self.model).get_state(record)
        meta = getattr(record, self.transition)._django_fsm
        if not self.spec.has_perm(self.request.user, record):
            return _("you may not do this")
        if not meta.has_transition(state):
            return self.not_possible(state)
        return ""

    def not_possible(self, state):
        return _("not possible in its current state “%(state)s”") % {
            "state": self.state_label(state)
        }

    def state_label(self, value):
        return dict(state_field(self.model).choices).get(value, value)

    @cached_property
    def _classified(self):
        movable, kept = [], []
        for record in self.chosen_records:
            reason = self.refusal_before(record)
            (kept if reason else movable).append((record, reason))
        return [record for record, _reason in movable], kept

    # Wagtail's BulkAction interface ----------------------------------------

    def get_actionable_objects(self):
        movable, kept = self._classified
        return movable, {"items_with_no_access": [record for record, _reason in kept]}

    def object_context(self, obj):
        context = super().object_context(obj)
        context["state_label"] = self.state_label(state_field(self.model).get_state(obj))
        return context

    def dispatch(self, request, *args, **kwargs):
        if self.get_command() is None:
            raise Http404
        if not self.is_offered_to(request.user):
            return refuse(request)
        if not self.chosen_records:
            # None of the chosen records is visible to this user: nothing to confirm or name.
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            return refuse(request, exc)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["records"] = self.chosen_records
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        _movable, kept = self._classified
        context.update(
            spec=self.spec,
            action_label=self.spec.label,
            kept=[{**self.object_context(record), "reason": reason} for record, reason in kept],
        )
        return context

    def form_valid(self, form):
        """Run the command record by record, each in its own transaction (no outer one:
        a refusal or a conflict on one record must not undo the others, and each record's
        notifications go out when its own transaction commits)."""
        self.cleaned_form = form
        records = self.chosen_records
        self.actionable_objects = records
        for hook in hooks.get_hooks("before_bulk_action"):
            result = hook(self.request, self.action_type, records, self)
            if hasattr(result, "status_code"):
                return result
        moved, refused = self.execute(records, form)
        self.actionable_objects = moved
        for hook in hooks.get_hooks("after_bulk_action"):
            result = hook(self.request, self.action_type, moved, self)
            if hasattr(result, "status_code"):
                return result
        self.report(moved, refused)
        return redirect(self.next_url)

    def execute(self, records, form):
        command = self.get_command()
        note = form.cleaned_data.get("note", "")
        moved, refused = [], []
        for record in records:
            current = state_field(self.model).get_state(record)
            try:
                command(
                    record,
                    user=self.request.user,
                    expected_state=form.seen_state(record) or current,
                    note=note,
                )
            except PermissionDenied:
                refused.append((record, _("you may not do this")))
            except RecordChanged as exc:
                refused.append(
                    (
                        record,
                        _("someone else moved it to “%(state)s” meanwhile")
                        % {"state": self.state_label(exc.current_state)},
                    )
                )
            except TransitionNotAvailable as exc:
                state = state_field(self.model).get_state(exc.record)
                refused.append((record, str(exc.reason or "") or self.not_possible(state)))
            except ValidationError as exc:
                refused.append((record, " ".join(exc.messages)))
            else:
                moved.append(record)
        return moved, refused

    @classmethod
    def execute_action(cls, objects, **kwargs):  # Wagtail's hook; form_valid runs `execute`
        raise NotImplementedError

    def report(self, moved, refused):
        label = self.spec.label
        if moved or not refused:
            messages.success(
                self.request,
                render_message(
                    ngettext(
                        "%(action)s: %(count)d record done.",
                        "%(action)s: %(count)d records done.",
                        len(moved),
                    )
                    % {"action": label, "count": len(moved)},
                    None,
                ),
            )
        if refused:
            detail = format_html(
                "<ul>{}</ul>",
                format_html_join(
                    "", "<li>“{}”: {}</li>", ((str(record), reason) for record, reason in refused)
                ),
            )
            messages.warning(
                self.request,
                render_message(
                    ngettext(
                        "%(action)s: %(count)d record was left as it was:",
                        "%(action)s: %(count)d records were left as they were:",
                        len(refused),
                    )
                    % {"action": label, "count": len(refused)},
                    None,
                    detail=detail,
                ),
            )


def action_type_for(name):
    return f"{ACTION_PREFIX}{name}"


def bulk_transition_action(model, name):
    """The bulk action class of transition `name` of `model`."""
    spec = transition_specs(model)[name]
    return type(
        f"Bulk{model.__name__}{''.join(p.title() for p in name.split('_'))}Action",
        (BulkTransitionAction,),
        {
            "__module__": __name__,
            "process_model": model,
            "transition": name,
            "action_type": action_type_for(name),
            "display_name": spec.label,
            "aria_label": spec.label,
            "classes": {"serious"} if spec.style == "danger" else set(),
        },
    )


def bulk_transition_actions():
    """One action class per transition of every process model.

    Whether an action shows on a listing is decided later (`models`): only for
    the transitions that ask for nothing but a note, on a process viewset.
    """
    return [
        bulk_transition_action(model, name)
        for model in process_models()
        for name in transition_specs(model)
    ]
