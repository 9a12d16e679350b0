"""The customer form in the admin: the duplicate warning and its "create anyway" (P2.1)."""

from django import forms as dj_forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .duplicates import find_possible_duplicates


class CustomerAdminForm(WagtailAdminModelForm):
    """Looks up possible duplicates while validating and shows them above the fields.

    The same tax number is an error on the tax number field; the same phone
    number or email address is an error until "create anyway" is ticked, so
    that a person looked at the list before creating a second customer.
    """

    create_anyway = dj_forms.BooleanField(
        label=_("This is a different customer: save anyway"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.possible_duplicates = []

    def _contact_values(self):
        formset = self.formsets.get("contacts")
        if formset is None:
            return [], []
        phones, emails = [], []
        for form in formset.forms:
            if not form.is_valid() or form.cleaned_data.get(DELETION_FIELD_NAME):
                continue
            phones.append(form.cleaned_data.get("phone", ""))
            emails.append(form.cleaned_data.get("email", ""))
        return phones, emails

    def clean(self):
        cleaned = super().clean()
        phones, emails = self._contact_values()
        matches = find_possible_duplicates(
            phone=[cleaned.get("phone", ""), *phones],
            email=[cleaned.get("email", ""), *emails],
            tax_number=cleaned.get("tax_number", ""),
            exclude=self.instance if self.instance.pk else None,
        )
        self.possible_duplicates = matches
        taken = [m for m in matches if m.same_tax_number]
        if taken and not self.has_error("tax_number"):
            self.add_error(
                "tax_number",
                _("“%(name)s” already has this tax number: one company is one customer.")
                % {"name": taken[0].customer.name},
            )
        elif matches and not cleaned.get("create_anyway"):
            self.add_error(
                "create_anyway",
                _(
                    "Check the customers listed above. If this is one of them, open it "
                    "instead; if it is a different customer, tick this box."
                ),
            )
        return cleaned

    @property
    def allow_duplicates(self):
        return bool(self.cleaned_data.get("create_anyway"))
