"""Renew with new terms (P6.1): the form that drafts a new contract version for Legal."""

from django import forms as dj_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput, HeaderButton

from .. import services
from ..permissions import may_draft_renewal
from ..services.renewals import RENEWABLE
from .common import ContractFormView


class RenewalVersionForm(dj_forms.Form):
    """The new end date, each line's rate and the units that stay."""

    new_end = dj_forms.DateField(label=gettext_lazy("New end date"), widget=AdminDateInput)
    keep_units = dj_forms.MultipleChoiceField(
        label=gettext_lazy("Units that stay"),
        widget=dj_forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Untick the units the customer sends back at the current end."),
    )

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        held = contract.bookings.filter(active=True).select_related("unit", "plan_line")
        self.fields["keep_units"].choices = [
            (str(b.unit_id), b.unit.asset_number) for b in held.order_by("unit__asset_number")
        ]
        self.fields["keep_units"].initial = [str(b.unit_id) for b in held]
        self.line_fields = []
        lines = {b.plan_line_id: b.plan_line for b in held}
        for line in sorted(lines.values(), key=lambda line: (line.sort_order or 0, line.pk)):
            name = f"rate_{line.pk}"
            self.fields[name] = dj_forms.DecimalField(
                label=_("Rate of %(line)s (%(basis)s)")
                % {"line": line, "basis": line.get_rate_basis_display()},
                min_value=0,
                max_digits=12,
                decimal_places=2,
                initial=line.unit_rate,
            )
            self.line_fields.append((line.pk, name))

    def rates(self):
        return {pk: self.cleaned_data[name] for pk, name in self.line_fields}


class RenewalVersionView(ContractFormView):
    """Sales drafts the new version; Legal then reviews it as any contract (403 for others)."""

    template_name = "leasing/renewal_version.html"
    header_icon = "repeat"
    form_class = RenewalVersionForm

    def has_refusal_permission(self):
        return may_draft_renewal(self.request.user, self.contract)

    def refused_in_state(self):
        if self.contract.state in RENEWABLE:
            return None
        return _("Only an active, ending or renewed lease is renewed: this one is “%(state)s”.") % {
            "state": self.contract.get_state_display()
        }

    def get_page_title(self):
        return _("Renew with new terms")

    def form_valid(self, form):
        try:
            version = services.start_renewal_version(
                self.contract,
                user=self.request.user,
                new_end=form.cleaned_data["new_end"],
                rates=form.rates(),
                keep_units=form.cleaned_data["keep_units"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("New version %(number)s drafted; send it to Legal when it is ready.")
            % {"number": version.number},
        )
        return redirect("wagtailsnippets_leasing_contract:inspect", version.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contract=self.contract, inspect_url=self.inspect_url, **kwargs
        )


def renewal_button(contract, user, url_name):
    """The header button of a running contract, for Sales."""
    if contract.state not in RENEWABLE or not may_draft_renewal(user, contract):
        return None
    if contract.successor() is not None:
        return None
    return HeaderButton(
        _("Renew with new terms"),
        url=reverse(url_name, args=[contract.pk]),
        icon_name="repeat",
        attrs={"data-renew-new-terms": "true"},
        priority=60,
    )
