from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CustomerTaxNumberTaken(ValidationError):
    """Another customer has this tax number: one company is one customer."""

    def __init__(self, other):
        self.other = other
        super().__init__(
            {
                "tax_number": _("“%(name)s” already has this tax number.")
                % {"name": other.name if other is not None else _("Another customer")}
            },
            code="tax_number_taken",
        )


class CustomerPossibleDuplicate(ValidationError):
    """Customers with the same phone or email exist; creating another needs a conscious yes."""

    def __init__(self, matches):
        self.matches = matches
        names = ", ".join(match.customer.name for match in matches)
        super().__init__(
            _("Possibly the same customer as: %(names)s.") % {"names": names},
            code="possible_duplicate",
        )
