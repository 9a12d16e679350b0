"""Billing accounts and the billing run (set-based)."""

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.money import money
from workflows.core.numbering import next_references
from workflows.core.records import create_records

from .. import permissions as P
from .. import rent
from ..choices import Cycle, InvoiceKind, LineKind, Timing
from ..choices import InvoiceState as S
from ..models import BillingAccount, Invoice, InvoiceLine
from .common import BILLED_CONTRACT_STATES, ZERO, billing_settings, today
from .credits import apply_rent_credits


def account_rent(lines, cycle):
    """The rent of one period of `cycle` for plan lines [(quantity, basis, unit rate)]."""
    return money(
        sum(
            (rent.rate_per_cycle(basis, Decimal(q) * rate, cycle) for q, basis, rate in lines), ZERO
        )
    )


def _missing_accounts():
    """Accounts for billed contracts that have none, from their plans (set-based)."""
    from workflows.leasing.models import Contract, PlanLine

    contracts = list(
        Contract.objects.filter(
            state__in=BILLED_CONTRACT_STATES, billing_account__isnull=True
        ).values(
            "pk",
            "customer_id",
            "plan_id",
            "period_start",
            "period_end",
            "plan__billing_cycle",
            "plan__deposit",
        )
    )
    if not contracts:
        return 0
    lines = {}
    for plan_id, quantity, basis, rate in PlanLine.objects.filter(
        plan_id__in=[c["plan_id"] for c in contracts]
    ).values_list("plan_id", "quantity", "rate_basis", "unit_rate"):
        lines.setdefault(plan_id, []).append((quantity, basis, rate))
    accounts = [
        BillingAccount(
            contract_id=c["pk"],
            customer_id=c["customer_id"],
            cycle=Cycle.MONTHLY,
            timing=Timing.IN_ARREARS
            if c["plan__billing_cycle"] == "end_of_term"
            else Timing.IN_ADVANCE,
            billing_day=1,
            rent=account_rent(lines.get(c["plan_id"], []), Cycle.MONTHLY),
            first_day=c["period_start"],
            last_day=c["period_end"],
            deposit=c["plan__deposit"] or ZERO,
        )
        for c in contracts
    ]
    BillingAccount.objects.bulk_create(accounts, batch_size=2000, ignore_conflicts=True)
    return len(accounts)


def due_charges(on):
    """[((contract, customer), charge)] of every period invoiced by `on` and not invoiced yet.

    Each account is read from the day after `billed_through`; invoices of those days that
    exist anyway (written by another run meanwhile) are left out.
    """
    accounts = list(
        BillingAccount.objects.filter(contract__state__in=BILLED_CONTRACT_STATES, first_day__lte=on)
        .exclude(billed_through__gte=F("last_day"))
        .values_list(
            "contract_id",
            "customer_id",
            "rent",
            "cycle",
            "timing",
            "billing_day",
            "first_day",
            "last_day",
            "billed_through",
        )
    )
    if not accounts:
        return []
    one_day = timedelta(days=1)
    starts = [
        max(first, through + one_day) if through else first for *_x, first, _l, through in accounts
    ]
    existing = set(
        Invoice.objects.filter(kind=InvoiceKind.INVOICE, period_start__gte=min(starts)).values_list(
            "contract_id", "period_start"
        )
    )
    result = []
    for (contract_id, customer_id, amount, cycle, timing, day, _f, last, _t), start in zip(
        accounts, starts, strict=True
    ):
        terms = rent.Terms(rent=amount, cycle=cycle, timing=timing, billing_day=day)
        for charge in rent.charges_due(terms, start, last, on):
            if (contract_id, charge.part.start) not in existing:
                result.append(((contract_id, customer_id), charge))
    return result


def _advance_accounts(batch):
    """Set `billed_through` of the batch's accounts to the last day it invoices (one query)."""
    from django.db import connection

    through = {}
    for (contract_id, _customer), charge in batch:
        through[contract_id] = max(through.get(contract_id, charge.part.end), charge.part.end)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE billing_billingaccount AS a SET billed_through = v.day "
                "FROM unnest(%s::bigint[], %s::date[]) AS v(contract, day) "
                "WHERE a.contract_id = v.contract "
                "AND (a.billed_through IS NULL OR a.billed_through < v.day)",
                [list(through), list(through.values())],
            )
        return
    last = (
        Invoice.objects.filter(contract_id=OuterRef("contract_id"), kind=InvoiceKind.INVOICE)
        .exclude(period_end__isnull=True)
        .order_by("-period_end")
        .values("period_end")[:1]
    )
    BillingAccount.objects.filter(contract_id__in=list(through)).update(
        billed_through=Subquery(last)
    )


def _copy_invoices(batch, settings_, user):
    """PostgreSQL: the same rows as `_write_invoices`, written with COPY (ids taken from the
    sequence first, so that lines and History follow in the same way)."""
    import json

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    now = timezone.now()
    numbers = next_references(Invoice.REFERENCE_PREFIX, [charge.invoice_on for _k, charge in batch])
    with connection.cursor() as wrapper:
        wrapper.execute(
            "SELECT nextval(pg_get_serial_sequence('billing_invoice', 'id')) "
            "FROM generate_series(1, %s)",
            [len(batch)],
        )
        ids = [row[0] for row in wrapper.fetchall()]
        cursor = wrapper.cursor
        rows, lines, entries = [], [], []
        content_type = ContentType.objects.get_for_model(Invoice).pk
        user_id = user.pk if user is not None else None
        note = json.dumps({"note": str(_("Billing run"))})
        describe = _("Rent %(start)s to %(end)s")
        for pk, number, ((contract_id, customer_id), charge) in zip(
            ids, numbers, batch, strict=True
        ):
            net = charge.amount
            tax = rent.tax(net, settings_.tax_rate)
            rows.append(
                (
                    pk,
                    now,
                    now,
                    now,
                    number,
                    InvoiceKind.INVOICE,
                    S.ISSUED,
                    contract_id,
                    customer_id,
                    charge.invoice_on,
                    charge.invoice_on + timedelta(days=settings_.payment_days),
                    charge.part.start,
                    charge.part.end,
                    net,
                    settings_.tax_rate,
                    tax,
                    money(net + tax),
                    ZERO,
                    now,
                    0,
                )
            )
            lines.append(
                (
                    pk,
                    LineKind.RENT,
                    describe % {"start": charge.part.start, "end": charge.part.end},
                    net,
                )
            )
            entries.append(
                (content_type, number, "wagtail.create", note, now, user_id, False, False, str(pk))
            )
        with cursor.copy(
            "COPY billing_invoice (id, created_at, updated_at, state_changed_at, number, kind, "
            "state, contract_id, customer_id, invoice_date, due_on, period_start, period_end, net, "
            "tax_rate, tax, total, paid, issued_at, reminder_step) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        with cursor.copy(
            "COPY billing_invoiceline (invoice_id, kind, description, amount) FROM STDIN"
        ) as copy:
            for row in lines:
                copy.write_row(row)
        with cursor.copy(
            "COPY wagtailcore_modellogentry (content_type_id, label, action, data, timestamp, "
            "user_id, content_changed, deleted, object_id) FROM STDIN"
        ) as copy:
            for row in entries:
                copy.write_row(row)
    _advance_accounts(batch)
    return len(rows)


def _write_invoices(batch, settings_, user):
    from django.db import connection

    if connection.vendor == "postgresql":
        with transaction.atomic():
            return _copy_invoices(batch, settings_, user)
    invoices = []
    for (contract_id, customer_id), charge in batch:
        net = charge.amount
        tax = rent.tax(net, settings_.tax_rate)
        invoices.append(
            Invoice(
                contract_id=contract_id,
                customer_id=customer_id,
                state=S.ISSUED,
                invoice_date=charge.invoice_on,
                due_on=charge.invoice_on + timedelta(days=settings_.payment_days),
                period_start=charge.part.start,
                period_end=charge.part.end,
                net=net,
                tax_rate=settings_.tax_rate,
                tax=tax,
                total=money(net + tax),
                issued_at=timezone.now(),
            )
        )
    with transaction.atomic():
        created = create_records(invoices, user=user, note=_("Billing run"))
        InvoiceLine.objects.bulk_create(
            [
                InvoiceLine(
                    invoice=invoice,
                    kind=LineKind.RENT,
                    description=_("Rent %(start)s to %(end)s")
                    % {"start": invoice.period_start, "end": invoice.period_end},
                    amount=invoice.net,
                )
                for invoice in created
            ],
            batch_size=2000,
        )
        _advance_accounts(batch)
    return len(created)


@command(model=Invoice, permission=P.ISSUE, public=True, name="billing.run_billing")
def run_billing(*, on=None, user=None, chunk=5000):
    """Invoice every period due by `on` (default today) exactly once; return how many.

    Pending complaint rent credits of the contracts invoiced become credit lines on their
    new invoices (`credits.py`).

    Set-based: accounts and existing invoices are read in two queries; invoices
    are written in chunks, each in its own transaction with its block of
    numbers. A run that stops midway leaves whole chunks; the next run invoices
    what is missing. Two runs at once: the unique constraint stops the second
    chunk, which rolls back with its numbers (no gap).
    """
    on = on or today()
    settings_ = billing_settings()
    _missing_accounts()
    pending = due_charges(on)
    made, written = 0, []
    for start in range(0, len(pending), chunk):
        batch = pending[start : start + chunk]
        try:
            made += _write_invoices(batch, settings_, user)
            written.extend(batch)
        except IntegrityError:
            # Another run invoiced some of these meanwhile: take the rest one by one.
            for item in batch:
                try:
                    made += _write_invoices([item], settings_, user)
                    written.append(item)
                except IntegrityError:
                    continue
    apply_rent_credits(written, user=user)
    return made
