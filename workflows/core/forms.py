"""Forms the confirmation view asks staff to fill before a transition, and the person
pickers every form uses: only the people of the roles that may do the job."""

from dataclasses import dataclass

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from .people import members_queryset, person_name
from .roles import DEPARTMENT_LABELS


class TransitionForm(dj_forms.Form):
    """What every transition asks: an optional note, and the state the user saw.

    `from_state` lets the service tell "someone else moved it first" from a
    real error. Subclasses add the fields their transition needs and return
    them from `service_kwargs()`.
    """

    note_required = False
    note_label = _("Note")

    from_state = dj_forms.CharField(widget=dj_forms.HiddenInput)
    note = dj_forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, record, user, **kwargs):
        self.record = record
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["note"].required = self.note_required
        self.fields["note"].label = self.note_label
        # The note goes last, after what the transition itself needs.
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])
        propose_current_user(self, user)

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data.pop("from_state", None)
        return data


#: How a person is shown in a choice: their full name, else their username.
person_label = person_name


def people_in(roles=(), superusers=False):
    """The active members of `roles` (and the administrators with `superusers`), by name."""
    return members_queryset(*roles, superusers=superusers).order_by(
        "first_name", "last_name", "username"
    )


class PersonChoiceField(dj_forms.ModelChoiceField):
    """A choice of one person among the active members of the roles that may do the job.

    With `default_to_current`, the job is the acting person's own (the one who records,
    the technician recording their own visit): the form proposes the current user when
    they are among the choices (see `propose_current_user`).
    """

    def __init__(self, *, roles=None, superusers=False, default_to_current=False, **kwargs):
        # Without `roles` (Wagtail's own edit forms, core.apps), the model field's own
        # choices, offered by name.
        self.roles = None if roles is None else tuple(roles)
        self.superusers = superusers
        self.default_to_current = default_to_current
        if self.roles is not None:
            kwargs.pop("queryset", None)
            kwargs.pop("limit_choices_to", None)
            kwargs["queryset"] = people_in(self.roles, superusers)
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


class PersonMultipleChoiceField(dj_forms.ModelMultipleChoiceField):
    """Several people among the active members of `roles` (never a current-user default)."""

    default_to_current = False

    def __init__(self, *, roles, superusers=False, **kwargs):
        self.roles = tuple(roles)
        self.superusers = superusers
        kwargs.pop("queryset", None)
        kwargs.pop("limit_choices_to", None)
        super().__init__(queryset=people_in(self.roles, superusers), **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


def propose_current_user(form, user):
    """Propose `user` in the form's own-job person fields left without a value, when the
    user is among their choices (an administrator outside the roles is not proposed)."""
    if user is None or not user.is_authenticated:
        return
    for name, field in form.fields.items():
        if not getattr(field, "default_to_current", False):
            continue
        if form.initial.get(name) or field.initial:
            continue
        if field.queryset.filter(pk=user.pk).exists():
            if name in form.initial:  # a model form's value of the new record
                form.initial[name] = user.pk
            else:
                field.initial = user.pk


@dataclass(frozen=True)
class Person:
    """Who a model form's user field offers: the active members of `roles`; with `current`,
    a new record proposes the acting person."""

    roles: tuple
    superusers: bool = False
    current: bool = False

    def field_from(self, field):
        return PersonChoiceField(
            roles=self.roles,
            superusers=self.superusers,
            default_to_current=self.current,
            required=field.required,
            label=field.label,
            help_text=field.help_text,
            disabled=field.disabled,
            widget=field.widget,
        )


def person(*roles, superusers=False, current=False):
    return Person(roles=tuple(roles), superusers=superusers, current=current)


class PersonPickersMixin:
    """A Wagtail model form whose user fields (`person_pickers`: {field: Person}) offer only
    the people of the roles that may do the job, and propose the acting person on a new
    record where the job is theirs."""

    person_pickers = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, picker in self.person_pickers.items():
            # A field Wagtail built offers the model field's own choices (roles None).
            if name in self.fields and getattr(self.fields[name], "roles", None) is None:
                self.fields[name] = picker.field_from(self.fields[name])
        if self.instance._state.adding:
            propose_current_user(self, getattr(self, "for_user", None))


_picker_forms = {}


def with_person_pickers(form_class, pickers):
    """`form_class` with `PersonPickersMixin` for `pickers`, built once per pair."""
    if not pickers or form_class is None or issubclass(form_class, PersonPickersMixin):
        return form_class
    key = (form_class, tuple(sorted(pickers.items())))
    if key not in _picker_forms:
        _picker_forms[key] = type(
            form_class.__name__,
            (PersonPickersMixin, form_class),
            {"person_pickers": dict(pickers), "__module__": form_class.__module__},
        )
    return _picker_forms[key]


class PersonPickersViewSetMixin:
    """A snippet viewset whose add and edit forms pick people as `person_pickers` says
    ({field: person(*roles, current=...)})."""

    person_pickers = {}

    def get_form_class(self, for_update=False):
        return with_person_pickers(super().get_form_class(for_update), self.person_pickers)

    def get_add_view_kwargs(self, **kwargs):
        view_kwargs = super().get_add_view_kwargs(**kwargs)
        view_kwargs["form_class"] = with_person_pickers(
            view_kwargs.get("form_class"), self.person_pickers
        )
        return view_kwargs

    def get_edit_view_kwargs(self, **kwargs):
        view_kwargs = super().get_edit_view_kwargs(**kwargs)
        view_kwargs["form_class"] = with_person_pickers(
            view_kwargs.get("form_class"), self.person_pickers
        )
        return view_kwargs


#: Any member of a department: for a field about an employee (the one assessed, surveyed,
#: mentored, moved), who may work in any department; never a customer or a dormant account.
ANY_STAFF = person(*DEPARTMENT_LABELS)
