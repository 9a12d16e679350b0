"""Billing commands (README.md): every change of billing data goes through one of these."""

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core import people
from workflows.core.choices import MessageChannel
from workflows.core.commands import command, simple_transition, transition_command
from workflows.core.exceptions import CommandPermissionDenied  # noqa: F401 - re-exported for views
from workflows.core.money import money
from workflows.core.notifications import queue_message
from workflows.core.numbering import next_reference, next_references
from workflows.core.records import create_record, create_records, history_entries
from workflows.core.roles import CUSTOMER_SERVICE, LEGAL, SALES
from workflows.core.services import log_event, log_events, perform_transition
from workflows.leasing.choices import CONTRACT_IN_FORCE

from . import permissions as P
from . import rent
from .choices import (
    Cycle,
    DepositState,
    InvoiceKind,
    LineKind,
    ReminderAction,
    SettlementState,
    Timing,
)
from .choices import InvoiceState as S
from .models import (
    Allocation,
    BillingAccount,
    BillingSettings,
    CollectionDecision,
    Deposit,
    DepositDeduction,
    FinalSettlement,
    Invoice,
    InvoiceLine,
    Payment,
    PaymentNotice,
    Reminder,
)

ZERO = Decimal("0.00")
BILLED_CONTRACT_STATES = CONTRACT_IN_FORCE


class BillingError(ValueError):
    """A command refused for a business reason; `field` names the form field concerned."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def billing_settings():
    return BillingSettings.load()


def today():
    return timezone.localdate()


# Billing accounts and the billing run ----------------------------------------------------


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
    made = 0
    for start in range(0, len(pending), chunk):
        try:
            made += _write_invoices(pending[start : start + chunk], settings_, user)
        except IntegrityError:
            # Another run invoiced some of these meanwhile: take the rest one by one.
            for item in pending[start : start + chunk]:
                try:
                    made += _write_invoices([item], settings_, user)
                except IntegrityError:
                    continue
    return made


# Invoices by hand, credit notes -------------------------------------------------------


def _totals(invoice):
    net = money(invoice.lines.aggregate(total=Sum("amount"))["total"] or ZERO)
    invoice.net = net
    invoice.tax = rent.tax(net, invoice.tax_rate)
    invoice.total = money(net + invoice.tax)


@command(model=Invoice, permission=P.ISSUE, creates=True)
def create_invoice(invoice, *, user):
    """A draft invoice by hand (extra services, damage): lines are added before issuing."""
    settings_ = billing_settings()
    invoice.kind = InvoiceKind.INVOICE
    invoice.period_start = invoice.period_end = None
    invoice.tax_rate = settings_.tax_rate
    if not invoice.due_on:
        invoice.due_on = invoice.invoice_date + timedelta(days=settings_.payment_days)
    if not invoice.customer_id:
        invoice.customer_id = invoice.contract.customer_id
    return create_record(invoice, user=user)


@command(model=Invoice, permission=P.ISSUE)
def add_line(invoice, *, user, kind, description, amount, rent_credit=None):
    """A line on a draft invoice; an issued invoice is corrected only by a credit note."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.state != S.DRAFT:
        raise BillingError(_("An issued invoice is never edited: issue a credit note."), "amount")
    if not (description or "").strip():
        raise BillingError(_("Describe the line."), "description")
    line = InvoiceLine.objects.create(
        invoice=invoice,
        kind=kind,
        description=description,
        amount=money(amount),
        rent_credit=rent_credit,
    )
    _totals(invoice)
    invoice.save(update_fields=["net", "tax", "total", "updated_at"])
    log_event(invoice, "billing.add_line", user=user, kind=kind, amount=str(line.amount))
    return line


@transition_command(Invoice, "issue")
def issue_invoice(invoice, *, user, expected_state=None, note=""):
    def prepare(fresh):
        _totals(fresh)
        fresh.issued_at = timezone.now()

    return perform_transition(
        invoice, "issue", user=user, expected_state=expected_state, prepare=prepare, note=note
    )


def _settle(invoice, user, amount):
    """Add `amount` paid or credited to an open invoice and move it to paid or partly paid."""

    def prepare(fresh):
        fresh.paid = money(fresh.paid + amount)

    fresh = Invoice.objects.get(pk=invoice.pk)
    name = "pay" if money(fresh.paid + amount) >= fresh.total else "pay_partly"
    if name == "pay_partly" and fresh.state == S.PARTIALLY_PAID:
        Invoice.objects.filter(pk=fresh.pk).update(paid=F("paid") + amount)
        log_event(fresh, "billing.pay_partly", user=user, amount=str(amount))
        return Invoice.objects.get(pk=fresh.pk)
    return perform_transition(
        fresh, name, user=user, prepare=prepare, log_data={"amount": str(amount)}
    )


@command(model=Invoice, permission=P.ISSUE)
def issue_credit_note(invoice, *, user, amount, reason):
    """Correct an issued invoice: a credit note of `amount` (tax included) against it."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    amount = money(amount)
    if invoice.kind != InvoiceKind.INVOICE or invoice.state not in (*Invoice.OPEN_STATES, S.PAID):
        raise BillingError(_("Only an issued invoice can be credited."), "amount")
    if amount <= 0 or amount > invoice.total:
        raise BillingError(
            _("The credit must be more than zero and at most the invoice total."), "amount"
        )
    if not (reason or "").strip():
        raise BillingError(_("Give the reason for the credit note."), "reason")
    net = money(amount / (1 + invoice.tax_rate))
    day = today()
    note = Invoice(
        kind=InvoiceKind.CREDIT_NOTE,
        state=S.PAID,
        number=next_reference("CN", timezone.now()),
        contract_id=invoice.contract_id,
        customer_id=invoice.customer_id,
        corrects=invoice,
        invoice_date=day,
        due_on=day,
        net=-net,
        tax_rate=invoice.tax_rate,
        tax=-(amount - net),
        total=-amount,
        paid=-amount,
        issued_at=timezone.now(),
    )
    create_record(note, user=user, note=reason)
    InvoiceLine.objects.create(
        invoice=note, kind=LineKind.ADJUSTMENT, description=reason, amount=-net
    )
    open_amount = money(invoice.total - invoice.paid)
    if invoice.state in Invoice.OPEN_STATES and open_amount > 0:
        if amount >= open_amount:
            perform_transition(
                invoice,
                "credit",
                user=user,
                prepare=lambda f: setattr(f, "paid", f.total),
                note=reason,
            )
        else:
            Invoice.objects.filter(pk=invoice.pk).update(paid=F("paid") + amount)
    log_event(
        invoice, "billing.credit_note", user=user, credit_note=note.number, amount=str(amount)
    )
    return note


# Automatic steps of payments and collections, run by the services above and the jobs.
for _name in ("pay", "pay_partly", "credit", "fall_overdue"):

    def _make(name):
        def run(invoice, *, user, expected_state=None, note=""):
            return perform_transition(
                invoice, name, user=user, expected_state=expected_state, note=note
            )

        run.__name__ = name
        run.__qualname__ = f"Invoice.{name}"
        return transition_command(Invoice, name)(run)

    _make(_name)

send_to_collection = simple_transition(Invoice, "send_to_collection")
request_write_off = simple_transition(Invoice, "request_write_off")
approve_write_off = simple_transition(Invoice, "approve_write_off")
refuse_write_off = simple_transition(Invoice, "refuse_write_off")


# Payment notices (P5.2) ---------------------------------------------------------------


@command(model=Invoice, permission=P.ISSUE)
def send_notice(invoice, *, user):
    """Store the invoice's payment notice and send it by email and SMS, once."""
    invoice = Invoice.objects.select_related("customer", "contract__billing_account").get(
        pk=invoice.pk
    )
    if invoice.state not in Invoice.OPEN_STATES:
        raise BillingError(_("A payment notice is sent for an open invoice only."))
    settings_ = billing_settings()
    account = getattr(invoice.contract, "billing_account", None)
    notice, created = PaymentNotice.objects.get_or_create(
        invoice=invoice,
        defaults={
            "amount": invoice.balance,
            "method": account.payment_method if account else "bank_transfer",
            "deadline": invoice.due_on,
            "bank_details": settings_.bank_details,
            "created_by": user,
        },
    )
    customer = invoice.customer
    context = {"notice": notice, "invoice": invoice, "customer": customer}
    if customer.email:
        queue_message(
            channel=MessageChannel.EMAIL,
            template="billing/notice",
            context=context,
            dedupe_key=f"billing.notice.{notice.pk}.email",
            record=invoice,
            address=customer.email,
            name=customer.name,
        )
    if customer.phone:
        queue_message(
            channel=MessageChannel.SMS,
            template="billing/notice_sms",
            context=context,
            dedupe_key=f"billing.notice.{notice.pk}.sms",
            record=invoice,
            address=customer.phone,
            name=customer.name,
        )
    if created:
        log_event(invoice, "billing.send_notice", user=user, amount=str(notice.amount))
    return notice


# Payments ------------------------------------------------------------------------------


def open_invoices(customer_id):
    return Invoice.objects.filter(
        customer_id=customer_id, kind=InvoiceKind.INVOICE, state__in=Invoice.OPEN_STATES
    ).order_by("due_on", "pk")


def _allocate(payment, invoices, user):
    left = payment.unallocated
    for invoice in invoices:
        if left <= 0:
            break
        owed = money(invoice.total - invoice.paid)
        if owed <= 0:
            continue
        amount = min(owed, left)
        Allocation.objects.create(payment=payment, invoice=invoice, amount=amount)
        _settle(invoice, user, amount)
        left = money(left - amount)
    payment.unallocated = left
    payment.save(update_fields=["unallocated"])
    return payment


@command(model=Payment, permission=P.RECORD_PAYMENT, creates=True)
def record_payment(payment, *, user, invoices=None):
    """Store a payment and allocate it: to `invoices` in that order, else oldest first.
    What is left stays as the customer's credit."""
    if payment.amount is None or payment.amount <= 0:
        raise BillingError(_("The amount must be more than zero."), "amount")
    payment.amount = money(payment.amount)
    payment.unallocated = payment.amount
    payment.recorded_by = user
    payment.save()
    history_entries([payment], "wagtail.create", user=user)
    if invoices is None:
        targets = list(open_invoices(payment.customer_id).select_for_update())
    else:
        targets = [i for i in invoices if i.customer_id == payment.customer_id]
    return _allocate(payment, targets, user)


@command(model=Payment, permission=P.RECORD_PAYMENT)
def allocate_credit(payment, *, user, invoices=None):
    """Allocate what is left of a payment (a customer's credit) to open invoices."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    targets = invoices if invoices is not None else list(open_invoices(payment.customer_id))
    return _allocate(payment, targets, user)


def customer_credit(customer_id):
    return (
        Payment.objects.filter(customer_id=customer_id).aggregate(c=Sum("unallocated"))["c"] or ZERO
    )


# Collections (P5.3) --------------------------------------------------------------------


@command(model=Invoice, permission=P.ISSUE, public=True, name="billing.run_collections")
def run_collections(*, on=None):
    """Mark unpaid invoices overdue and take every reminder step that is due, once each."""
    on = on or today()
    overdue = list(
        Invoice.objects.filter(
            state__in=[S.ISSUED, S.PARTIALLY_PAID], due_on__lt=on, kind=InvoiceKind.INVOICE
        )
    )
    if overdue:
        Invoice.objects.filter(pk__in=[i.pk for i in overdue]).update(
            state=S.OVERDUE, state_changed_at=timezone.now()
        )
        log_events(overdue, "billing.fall_overdue", note=_("Not paid by the due date"))
    steps = billing_settings().ladder()
    sent = 0
    for index, (day, action) in enumerate(steps):
        last = index == len(steps) - 1
        candidates = list(
            Invoice.objects.filter(
                state__in=[S.OVERDUE, S.IN_COLLECTION],
                due_on__lte=on - timedelta(days=day),
                kind=InvoiceKind.INVOICE,
            )
            .exclude(reminders__day=day, reminders__action=action)
            .select_related("customer")
        )
        if not candidates:
            continue
        Reminder.objects.bulk_create(
            [Reminder(invoice=i, day=day, action=action) for i in candidates], ignore_conflicts=True
        )
        for invoice in candidates:
            _remind(invoice, day, action)
        Invoice.objects.filter(pk__in=[i.pk for i in candidates]).update(reminder_step=index + 1)
        log_events(candidates, "billing.reminder", day=day, step=action)
        if last or action == ReminderAction.ESCALATE:
            moving = [i for i in candidates if i.state == S.OVERDUE]
            Invoice.objects.filter(pk__in=[i.pk for i in moving]).update(
                state=S.IN_COLLECTION, state_changed_at=timezone.now()
            )
            log_events(moving, "billing.send_to_collection", note=_("Last reminder passed"))
        sent += len(candidates)
    return {"overdue": len(overdue), "reminders": sent}


def _remind(invoice, day, action):
    customer = invoice.customer
    context = {"invoice": invoice, "customer": customer, "day": day}
    key = f"billing.reminder.{invoice.pk}.{day}.{action}"
    if action == ReminderAction.EMAIL and customer.email:
        queue_message(
            channel=MessageChannel.EMAIL,
            template="billing/reminder",
            context=context,
            dedupe_key=key,
            record=invoice,
            address=customer.email,
            name=customer.name,
        )
    elif action == ReminderAction.SMS and customer.phone:
        queue_message(
            channel=MessageChannel.SMS,
            template="billing/reminder_sms",
            context=context,
            dedupe_key=key,
            record=invoice,
            address=customer.phone,
            name=customer.name,
        )
    else:
        roles = (CUSTOMER_SERVICE,) if action == ReminderAction.CALL else (SALES, LEGAL)
        template = (
            "billing/call_customer" if action == ReminderAction.CALL else "billing/in_collection"
        )
        for person in people.members(*roles):
            queue_message(
                channel=MessageChannel.IN_APP,
                template=template,
                context=context,
                dedupe_key=f"{key}.{person.pk}",
                record=invoice,
                user=person,
            )


@command(model=Reminder, permission=P.LOG_CALL)
def log_call(reminder, *, user, note):
    """Customer Service logs the collection call of a reminder step."""
    if not (note or "").strip():
        raise BillingError(_("Write what the customer said."), "note")
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.action != ReminderAction.CALL or reminder.call_logged_at:
        raise BillingError(_("This call is already logged."), "note")
    reminder.call_logged_at = timezone.now()
    reminder.call_logged_by = user
    reminder.call_note = note
    reminder.save(update_fields=["call_logged_at", "call_logged_by", "call_note"])
    log_event(reminder.invoice, "billing.log_call", user=user, note=note)
    return reminder


@command(model=Invoice, permission=P.DECIDE)
def record_decision(invoice, *, user, decision, note, sales_agreed_by, legal_agreed_by):
    """Sales' and Legal's joint decision on an invoice in collection."""
    if invoice.state != S.IN_COLLECTION:
        raise BillingError(_("Only an invoice in collection waits for a decision."), "decision")
    for field, value in (
        ("sales_agreed_by", sales_agreed_by),
        ("legal_agreed_by", legal_agreed_by),
        ("note", note),
    ):
        if not (value or "").strip():
            raise BillingError(_("This field is required."), field)
    made = CollectionDecision.objects.create(
        invoice=invoice,
        decision=decision,
        note=note,
        sales_agreed_by=sales_agreed_by,
        legal_agreed_by=legal_agreed_by,
        recorded_by=user,
    )
    log_event(invoice, "billing.decision", user=user, decision=decision, note=note)
    return made


# Deposits and the final settlement (P6.4) -----------------------------------------------


@command(model=Deposit, permission=P.ISSUE, creates=True)
def receive_deposit(deposit, *, user):
    deposit.amount = money(deposit.amount)
    deposit.state = DepositState.HELD
    return create_record(deposit, user=user)


@command(model=Deposit, permission=P.ISSUE)
def deduct_from_deposit(deposit, *, user, reason, amount, note):
    deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
    if deposit.state != DepositState.HELD:
        raise BillingError(_("Only a held deposit can be deducted from."), "amount")
    if not (note or "").strip():
        raise BillingError(_("Give the details of the deduction."), "note")
    made = DepositDeduction.objects.create(
        deposit=deposit, reason=reason, amount=money(amount), note=note
    )
    log_event(deposit, "billing.deduct", user=user, reason=reason, amount=str(made.amount))
    return made


def late_fees_of(invoices, on, settings_):
    """Late fees of invoices: each on its total, from its due date to its last payment (or `on`)."""
    total = ZERO
    for invoice in invoices:
        paid_on = max((a.payment.received_on for a in invoice.allocations.all()), default=None)
        until = paid_on if invoice.state == S.PAID and paid_on else on
        total += rent.late_fee(
            invoice.total,
            invoice.due_on,
            until,
            daily_rate=settings_.late_fee_daily_rate,
            grace_days=settings_.late_fee_grace_days,
            cap_rate=settings_.late_fee_cap_rate,
        )
    return money(total)


def statement(contract_id, on=None):
    """What a contract's customer was billed, paid and owes, for the settlement and statement."""
    on = on or today()
    invoices = list(
        Invoice.objects.filter(contract_id=contract_id)
        .prefetch_related("lines", "allocations")
        .order_by("invoice_date", "pk")
    )
    by_kind = {}
    for invoice in invoices:
        for line in invoice.lines.all():
            sign = 1
            by_kind[line.kind] = by_kind.get(line.kind, ZERO) + sign * line.amount
    billed = money(sum((i.total for i in invoices if i.kind == InvoiceKind.INVOICE), ZERO))
    credited = money(-sum((i.total for i in invoices if i.kind == InvoiceKind.CREDIT_NOTE), ZERO))
    paid = money(sum((a.amount for i in invoices for a in i.allocations.all()), ZERO))
    return {
        "invoices": invoices,
        "billed": billed,
        "credited": credited,
        "paid": paid,
        "by_kind": by_kind,
        "open": money(
            billed
            - credited
            - paid
            - sum((i.paid for i in invoices if i.state == S.WRITTEN_OFF), ZERO)
        ),
    }


@command(model=FinalSettlement, permission=P.ISSUE, creates=True)
def prepare_settlement(settlement, *, user, damage=ZERO, other=ZERO):
    """The final statement of a returned contract, from its invoices, payments and deposit."""
    settings_ = billing_settings()
    facts = statement(settlement.contract_id, settlement.returned_on)
    invoices = [
        i for i in facts["invoices"] if i.kind == InvoiceKind.INVOICE and i.state != S.CREDITED
    ]
    deposit = Deposit.objects.filter(contract_id=settlement.contract_id).first()
    settlement.rent_billed = money(facts["billed"] - facts["credited"])
    settlement.paid = facts["paid"]
    settlement.late_fees = late_fees_of(invoices, settlement.returned_on, settings_)
    settlement.damage = money(damage)
    settlement.other = money(other)
    settlement.deposit = deposit.amount if deposit else ZERO
    settlement.balance = rent.settlement_balance(
        billed=settlement.rent_billed,
        paid=settlement.paid,
        late_fees=settlement.late_fees,
        damage=settlement.damage,
        other=settlement.other,
        deposit=settlement.deposit,
    )
    created = create_record(settlement, user=user)
    if deposit and settlement.damage:
        DepositDeduction.objects.create(
            deposit=deposit, reason="damage", amount=settlement.damage, note=_("Damage at return")
        )
    return created


@transition_command(FinalSettlement, "approve")
def approve_settlement(settlement, *, user, expected_state=None, note=""):
    """Finance approves: the statement is archived read-only and the deposit refund is due."""

    def prepare(fresh):
        fresh.approved_by = user
        fresh.approved_at = timezone.now()

    fresh = perform_transition(
        settlement, "approve", user=user, expected_state=expected_state, prepare=prepare, note=note
    )
    Deposit.objects.filter(contract_id=fresh.contract_id, state=DepositState.HELD).update(
        state=DepositState.REFUND_DUE,
        refund_due_on=today() + timedelta(days=billing_settings().deposit_refund_days),
        refunded_amount=max(-fresh.balance, ZERO),
    )
    return fresh


@command(model=Deposit, permission=P.APPROVE_SETTLEMENT)
def refund_deposit(deposit, *, user, refunded_on=None):
    deposit = Deposit.objects.select_for_update().get(pk=deposit.pk)
    if deposit.state != DepositState.REFUND_DUE:
        raise BillingError(_("The deposit is refunded after the final settlement is approved."))
    deposit.state = DepositState.REFUNDED
    deposit.refunded_on = refunded_on or today()
    deposit.save(update_fields=["state", "refunded_on"])
    log_event(deposit, "billing.refund_deposit", user=user, amount=str(deposit.refunded_amount))
    return deposit


def settlement_is_archived(settlement):
    return settlement.state == SettlementState.APPROVED
