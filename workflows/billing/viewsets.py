from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import (
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from workflows.core import roles
from workflows.core.forms import PersonPickersViewSetMixin, person
from workflows.core.imports import ImportableViewSetMixin
from workflows.core.viewsets import ProcessRecordViewSet, StateColumn, hooked_header_buttons

from .imports import BankStatementImport
from .models import BankStatementLine, Deposit, FinalSettlement, Invoice, Payment, Reminder
from .permissions import RECORD_PAYMENT


class CommandInspectView(InspectView):
    """An inspect page with the command buttons billing adds (`wagtail_hooks.py`)."""

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *hooked_header_buttons(self.request, self.object)]


class InvoiceViewSet(ProcessRecordViewSet):
    model = Invoice
    icon = "doc-full"
    menu_label = _("Invoices")
    list_display = [
        "number",
        "kind",
        "customer",
        "contract",
        "invoice_date",
        "due_on",
        "total",
        "paid",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state", "kind"]
    list_export = [
        "number",
        "kind",
        "state",
        "customer",
        "contract",
        "invoice_date",
        "due_on",
        "period_start",
        "period_end",
        "net",
        "tax",
        "total",
        "paid",
    ]
    export_filename = "invoices"
    search_fields = ["number"]
    inspect_view_fields = [
        "number",
        "kind",
        "state",
        "customer",
        "contract",
        "corrects",
        "invoice_date",
        "due_on",
        "period_start",
        "period_end",
        "net",
        "tax_rate",
        "tax",
        "total",
        "paid",
        "issued_at",
        "reminder_step",
    ]

    def get_queryset(self, request):
        return Invoice.objects.select_related("customer", "contract")


class SettlementViewSet(ProcessRecordViewSet):
    model = FinalSettlement
    icon = "tasks"
    menu_label = _("Final settlements")
    list_display = [
        "reference",
        "contract",
        "returned_on",
        "deposit",
        "balance",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state"]
    search_fields = ["reference"]
    inspect_view_fields = [
        "reference",
        "state",
        "contract",
        "returned_on",
        "rent_billed",
        "paid",
        "late_fees",
        "damage",
        "other",
        "early_return",
        "rent_credits",
        "deposit",
        "balance",
        "approved_by",
        "approved_at",
    ]

    def get_queryset(self, request):
        return FinalSettlement.objects.select_related("contract")


class CommandHistoryView(HistoryView):
    """The History of a record that only its commands change (Wagtail asks for add, change or
    delete, which nobody has here): whoever may see the record reads what happened to it."""

    any_permission_required = ["view"]


class DepositViewSet(SnippetViewSet):
    model = Deposit
    search_fields = ["contract__number", "contract__customer__name"]
    history_view_class = CommandHistoryView
    icon = "lock"
    menu_label = _("Deposits")
    inspect_view_class = CommandInspectView
    inspect_view_enabled = True
    list_display = [
        "contract",
        "amount",
        "received_on",
        "state",
        "refund_due_on",
        "refunded_on",
        "refunded_amount",
    ]
    list_filter = ["state"]
    inspect_view_fields = [
        "contract",
        "amount",
        "received_on",
        "state",
        "refund_due_on",
        "refunded_on",
        "refunded_amount",
    ]

    def get_queryset(self, request):
        return Deposit.objects.select_related("contract")


class PaymentIndexView(IndexView):
    """Payments are recorded (and allocated, with History) by their command only: the
    listing's add button opens that form, not Wagtail's generic one."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(RECORD_PAYMENT):
            buttons.append(
                HeaderButton(
                    _("Record a payment"), url=reverse("billing_payment"), icon_name="plus"
                )
            )
        return buttons


class PaymentViewSet(SnippetViewSet):
    model = Payment
    index_view_class = PaymentIndexView
    inspect_view_class = CommandInspectView
    history_view_class = CommandHistoryView
    icon = "doc-full-inverse"
    menu_label = _("Payments")
    list_display = ["received_on", "customer", "amount", "method", "reference", "unallocated"]
    list_filter = ["method"]
    search_fields = ["reference"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Payment.objects.select_related("customer")


class ReminderViewSet(PersonPickersViewSetMixin, SnippetViewSet):
    model = Reminder
    search_fields = ["call_note", "invoice__number"]
    person_pickers = {"call_logged_by": person(roles.FINANCE, current=True)}
    icon = "mail"
    menu_label = _("Reminders")
    list_display = ["invoice", "day", "action", "created_at", "call_logged_at"]
    list_filter = ["action"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Reminder.objects.select_related("invoice")


class BankStatementViewSet(ImportableViewSetMixin, SnippetViewSet):
    model = BankStatementLine
    icon = "download"
    menu_label = _("Bank statement")
    import_spec = BankStatementImport
    list_display = ["booked_on", "bank_reference", "payer", "text", "amount", "invoice", "payment"]
    list_filter = ["booked_on"]
    search_fields = ["bank_reference", "payer", "text"]

    def get_queryset(self, request):
        return BankStatementLine.objects.select_related("invoice", "payment__customer")


class BillingGroup(SnippetViewSetGroup):
    menu_label = _("Billing")
    menu_icon = "doc-full"
    menu_order = 160
    items = (
        InvoiceViewSet,
        PaymentViewSet,
        BankStatementViewSet,
        DepositViewSet,
        ReminderViewSet,
        SettlementViewSet,
    )
