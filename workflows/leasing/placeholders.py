"""Placeholders in contract clauses: the documented set, their checking and their filling.

Legal writes clause text with placeholders such as `{customer}` or
`{rent_total}`; a contract fills them from its own details (P2.3). The text is
never run as a Django template: filling is `str.format_map` over a mapping of
plain strings, with every placeholder checked against `PLACEHOLDERS` when the
template is saved. Escaping happens where the text is shown (HTML autoescape),
so a customer called `<b>` prints as typed.
"""

import string

from django.utils.translation import gettext_lazy as _

#: name → what it is replaced with; shown to Legal next to the clause text.
PLACEHOLDERS = {
    "contract_number": _("the contract's number"),
    "company": _("our company's name (Contact details)"),
    "customer": _("the customer's name"),
    "customer_tax_number": _("the customer's tax number"),
    "customer_address": _("the customer's address"),
    "units": _("the leased equipment: model, configuration and quantity of each line"),
    "specification": _("each leased model with its specification"),
    "total_quantity": _("the number of units leased"),
    "period_start": _("the first day of the lease"),
    "period_end": _("the last day of the lease"),
    "lease_days": _("the number of days of the lease"),
    "rent_lines": _("each line's rate, periods and rent"),
    "rent_total": _("the rent total, with the currency"),
    "deposit": _("the deposit, with the currency"),
    "grand_total": _("rent total and deposit together, with the currency"),
    "payment_method": _("the payment method"),
    "billing_cycle": _("the billing cycle"),
    "delivery_date": _("the agreed delivery date"),
    "delivery_place": _("the agreed delivery place"),
    "maintenance_cycle": _("the maintenance cycle of each leased model"),
    "included_services": _("the services included in the plan"),
}


class PlaceholderError(ValueError):
    """Clause text that uses placeholders outside the documented set, or uses them wrongly."""

    def __init__(self, unknown=(), malformed=""):
        self.unknown = tuple(unknown)
        self.malformed = malformed
        super().__init__(malformed or ", ".join(self.unknown))


def placeholders_in(text):
    """The placeholder names used in `text`, in order of appearance.

    Raises `PlaceholderError` for text that `str.format` could not read (a lone
    brace) or for a placeholder with an attribute, index, conversion or format
    (`{customer.name}`, `{0}`, `{rent_total:>10}`): only plain names are allowed.
    """
    names = []
    unknown = []
    try:
        parsed = list(string.Formatter().parse(text or ""))
    except ValueError as exc:
        raise PlaceholderError(
            malformed=_(
                "A brace is not closed or not opened (%(error)s). Placeholders look like "
                "{customer}; write {{ or }} for a brace itself."
            )
            % {"error": exc}
        ) from None
    for _literal, field, format_spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or format_spec or conversion:
            written = field + (f"!{conversion}" if conversion else "")
            written += f":{format_spec}" if format_spec else ""
            unknown.append("{" + written + "}")
            continue
        if field not in PLACEHOLDERS:
            unknown.append("{" + field + "}")
            continue
        names.append(field)
    if unknown:
        raise PlaceholderError(unknown=dict.fromkeys(unknown))
    return names


def check_placeholders(text):
    """Raise a `ValidationError`-ready message naming every unknown placeholder, or None."""
    from django.core.exceptions import ValidationError

    try:
        placeholders_in(text)
    except PlaceholderError as exc:
        if exc.malformed:
            raise ValidationError(exc.malformed, code="malformed_placeholder") from None
        raise ValidationError(
            _("Unknown placeholders: %(unknown)s. Allowed: %(allowed)s.")
            % {
                "unknown": ", ".join(exc.unknown),
                "allowed": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        ) from None


class _Values(dict):
    """Filling never fails on a name missing from the values: it stays as written."""

    def __missing__(self, key):
        return "{" + key + "}"


#: Sentence ends: a value that ends a sentence, put before the clause's own full stop, would
#: print it twice ("250 L。。").
SENTENCE_ENDS = "。．.！!？?"


def fill(text, values):
    """`text` with each placeholder replaced by `values[name]` (strings only).

    Where Legal's text closes the sentence right after a placeholder, the value's own
    closing punctuation goes, so that the printed contract ends each sentence once.
    """
    placeholders_in(text)  # refuses anything but plain, documented names
    values = _Values({k: str(v) for k, v in values.items()})
    pieces = []
    for literal, field, _spec, _conversion in string.Formatter().parse(text or ""):
        if pieces and literal[:1] and literal[0] in SENTENCE_ENDS:
            pieces[-1] = pieces[-1].rstrip().rstrip(SENTENCE_ENDS)
        pieces.append(literal)
        if field is not None:
            pieces.append(values[field])
    return "".join(pieces)
