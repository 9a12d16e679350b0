"""Rent credits agreed in complaints (compensation "rent credit against the contract") land on
the contract's next rent invoice made by the billing run, as a credit line, once."""

from django.utils.translation import gettext as _

from workflows.core.money import money
from workflows.core.services import log_event, perform_transition

from ..choices import InvoiceKind, LineKind
from ..choices import InvoiceState as S
from ..models import Invoice, InvoiceLine
from .invoices import _totals


def pending_rent_credits(contract_ids=None):
    """Credits Finance has not applied yet and no invoice line carries."""
    from workflows.complaints.choices import RentCreditState
    from workflows.complaints.models import RentCredit

    credits = RentCredit.objects.filter(
        state=RentCreditState.PENDING, invoice_line__isnull=True
    ).order_by("created_at", "pk")
    if contract_ids is not None:
        credits = credits.filter(contract_id__in=contract_ids)
    return list(credits)


def apply_rent_credits(written, *, user):
    """Put each pending credit of a contract invoiced by this run on its first new rent invoice
    that stays at or above zero with it; return the lines made.

    `written` is the run's [((contract, customer), charge)]. The invoices are fresh (nobody has
    seen or paid them), so the line goes on before they leave the run. A credit larger than
    what one of the run's invoices can take waits for a later run. Each credit is then marked
    applied in complaints, naming the invoice (History on both).
    """
    if not written:
        return []
    credits = pending_rent_credits()
    if not credits:
        return []
    made_for = {}
    for (contract_id, _customer), charge in written:
        made_for.setdefault(contract_id, set()).add(charge.part.start)
    credits = [c for c in credits if c.contract_id in made_for]
    if not credits:
        return []
    invoices = {}
    for invoice in Invoice.objects.filter(
        contract_id__in={c.contract_id for c in credits},
        kind=InvoiceKind.INVOICE,
        state=S.ISSUED,
        paid=0,
        period_start__isnull=False,
    ).order_by("period_start"):
        if invoice.period_start in made_for[invoice.contract_id]:
            invoices.setdefault(invoice.contract_id, []).append(invoice)
    lines = []
    for credit in credits:
        amount = money(credit.amount)
        target = next((i for i in invoices.get(credit.contract_id, []) if i.net >= amount), None)
        if target is None:
            continue
        line = InvoiceLine.objects.create(
            invoice=target,
            kind=LineKind.RENT_CREDIT,
            description=_("Rent credit agreed in complaint %(complaint)s")
            % {"complaint": credit.complaint.reference},
            amount=-amount,
            rent_credit=credit,
        )
        _totals(target)
        target.save(update_fields=["net", "tax", "total", "updated_at"])
        log_event(
            target, "billing.add_line", user=user, kind=LineKind.RENT_CREDIT, amount=str(-amount)
        )
        perform_transition(
            credit,
            "apply",
            user=user,
            prepare=lambda c, number=target.number: mark_applied(c, number),
            note=_("Credited on invoice %(number)s") % {"number": target.number},
        )
        lines.append(line)
    return lines


def mark_applied(credit, number):
    from django.utils import timezone

    credit.finance_reference = number
    credit.applied_at = timezone.now()
