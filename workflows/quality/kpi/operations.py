"""The KPIs of delivery, maintenance, repairs and collection (P7.3), from the handovers,
servicing and billing records. Each counts exactly the records its drill-down lists."""

from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import KPIUnit
from .registry import KPI, register


def _rate(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _days(start, end, now):
    """The local dates [first, last) of the period, and today."""
    return timezone.localdate(start), timezone.localdate(end), timezone.localdate(now)


def _who_did(model, action):
    """The user of a record's History entry `action` (the latest), as a subquery."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return Subquery(
        ModelLogEntry.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            action=action,
        )
        .order_by("-timestamp", "-pk")
        .values("user_id")[:1],
        output_field=IntegerField(),
    )


def deliveries_due(start, end, now):
    """Deliveries whose contract's delivery date fell in the period, accepted or past it."""
    from workflows.handovers.choices import DeliveryState
    from workflows.handovers.models import Delivery

    first, last, today = _days(start, end, now)
    return (
        Delivery.objects.select_related("contract", "contract__customer")
        .filter(contract__delivery_date__gte=first, contract__delivery_date__lt=last)
        .filter(Q(state=DeliveryState.ACCEPTED) | Q(contract__delivery_date__lt=today))
        .annotate(
            kpi_due_on=F("contract__delivery_date"),
            kpi_value=_rate(Q(state=DeliveryState.ACCEPTED, on_time=True)),
            kpi_employee=_who_did(Delivery, "handovers.accept"),
            kpi_department=Value("after_sales"),
        )
    )


def visits_due(start, end, now):
    """Maintenance visits due in the period, not cancelled, recorded or past their day."""
    from workflows.servicing.choices import VisitState
    from workflows.servicing.models import MaintenanceVisit

    first, last, today = _days(start, end, now)
    visited_on = TruncDate("visited_at", tzinfo=timezone.get_current_timezone())
    return (
        MaintenanceVisit.objects.select_related("unit", "customer", "technician")
        .filter(due_on__gte=first, due_on__lt=last)
        .exclude(state=VisitState.CANCELLED)
        .filter(Q(visited_at__isnull=False) | Q(due_on__lt=today))
        .annotate(kpi_visited_on=visited_on)
        .annotate(
            kpi_value=_rate(Q(kpi_visited_on__isnull=False, kpi_visited_on__lte=F("due_on"))),
            kpi_employee=F("technician_id"),
            kpi_department=Value("after_sales"),
        )
    )


def verified_repairs(start, end, now):
    """Repairs verified in the period: the verification is the repair's last state change."""
    from workflows.servicing.choices import RepairState
    from workflows.servicing.models import Repair

    return (
        Repair.objects.select_related("unit", "customer", "repaired_by")
        .filter(state=RepairState.VERIFIED, state_changed_at__gte=start, state_changed_at__lt=end)
        .annotate(
            kpi_value=ExpressionWrapper(
                F("state_changed_at") - F("reported_at"), output_field=DurationField()
            ),
            kpi_employee=F("repaired_by_id"),
            kpi_department=Value("after_sales"),
        )
    )


def invoices_due(start, end, now):
    """Invoices due in the period whose due date has passed, not cancelled by a credit note
    for their whole amount; paid by the due date when the payments received by then and the
    credit notes issued by then cover the total."""
    from workflows.billing.choices import InvoiceKind, InvoiceState
    from workflows.billing.models import Allocation, Invoice

    first, last, today = _days(start, end, now)
    money = DecimalField(max_digits=14, decimal_places=2)
    paid_by_due = Subquery(
        Allocation.objects.filter(
            invoice=OuterRef("pk"), payment__received_on__lte=OuterRef("due_on")
        )
        .order_by()
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")[:1],
        output_field=money,
    )
    credited_by_due = Subquery(
        Invoice.objects.filter(
            kind=InvoiceKind.CREDIT_NOTE,
            corrects=OuterRef("pk"),
            invoice_date__lte=OuterRef("due_on"),
        )
        .order_by()
        .values("corrects")
        .annotate(total=Sum("total"))
        .values("total")[:1],
        output_field=money,
    )
    zero = Value(Decimal("0"), output_field=money)
    return (
        Invoice.objects.select_related("customer")
        .filter(kind=InvoiceKind.INVOICE, due_on__gte=first, due_on__lt=min(last, today))
        .exclude(state__in=[InvoiceState.DRAFT, InvoiceState.CREDITED])
        .annotate(
            kpi_collected=Coalesce(paid_by_due, zero) - Coalesce(credited_by_due, zero),
        )
        .annotate(
            kpi_value=_rate(Q(kpi_collected__gte=F("total"))),
            kpi_employee=Value(None, output_field=IntegerField()),
            kpi_department=Value("finance"),
        )
    )


ON_TIME_DELIVERY = register(
    KPI(
        code="delivery_on_time",
        label=_("On-time delivery"),
        definition=_(
            "Deliveries accepted by the customer on or before the contract's delivery date "
            "÷ deliveries whose delivery date fell in the period and were accepted or are past "
            "that date (a delivery still open after its date counts as late). Counted for "
            "After-sales and the person who completed the handover."
        ),
        unit=KPIUnit.PERCENT,
        records=deliveries_due,
        training_topic="equipment",
        default_target=Decimal("95"),
        columns=(
            (_("Delivery"), "reference"),
            (_("Contract"), "contract"),
            (_("Delivery date"), "kpi_due_on"),
            (_("Accepted"), "accepted_at"),
            (_("State"), "get_state_display"),
        ),
        order_by=("contract__delivery_date", "pk"),
    )
)

MAINTENANCE_ON_SCHEDULE = register(
    KPI(
        code="maintenance_on_schedule",
        label=_("Maintenance on schedule"),
        definition=_(
            "Maintenance visits carried out on or before their due day ÷ visits due in the "
            "period that were carried out or whose day has passed (cancelled visits are left "
            "out). Counted for After-sales and the technician."
        ),
        unit=KPIUnit.PERCENT,
        records=visits_due,
        training_topic="equipment",
        default_target=Decimal("95"),
        columns=(
            (_("Visit"), "reference"),
            (_("Customer"), "customer"),
            (_("Due on"), "due_on"),
            (_("Visited"), "visited_at"),
            (_("Technician"), "technician"),
        ),
        order_by=("due_on", "pk"),
    )
)

REPAIR_TURNAROUND = register(
    KPI(
        code="repair_turnaround_days",
        label=_("Repair turnaround"),
        definition=_(
            "Average days from the report of a fault to the verification of its repair, over "
            "the repairs verified in the period. Counted for After-sales and the person who "
            "repaired it."
        ),
        unit=KPIUnit.DAYS,
        records=verified_repairs,
        training_topic="equipment",
        higher_is_better=False,
        default_target=Decimal("3"),
        columns=(
            (_("Repair"), "reference"),
            (_("Customer"), "customer"),
            (_("Reported"), "reported_at"),
            (_("Verified"), "state_changed_at"),
            (_("Repaired by"), "repaired_by"),
        ),
        order_by=("state_changed_at", "pk"),
    )
)

PAYMENT_COLLECTION = register(
    KPI(
        code="payment_collection",
        label=_("Payment collection"),
        definition=_(
            "Invoices paid in full by their due date (payments received by then, with credit "
            "notes issued by then) ÷ invoices due in the period whose due date has passed, "
            "leaving out drafts and invoices cancelled by a credit note. Counted for Finance."
        ),
        unit=KPIUnit.PERCENT,
        records=invoices_due,
        training_topic="rent",
        default_target=Decimal("90"),
        columns=(
            (_("Invoice"), "number"),
            (_("Customer"), "customer"),
            (_("Due on"), "due_on"),
            (_("Total"), "total"),
            (_("Collected by the due date"), "kpi_collected"),
            (_("State"), "get_state_display"),
        ),
        order_by=("due_on", "pk"),
    )
)
