"""Forms the confirmation view asks staff to fill before a transition."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from .people import person_name


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

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data.pop("from_state", None)
        return data


class PersonChoiceField(dj_forms.ModelChoiceField):
    """A choice of user, each offered by full name (`person_name`), not by username."""

    def label_from_instance(self, obj):
        return person_name(obj)
