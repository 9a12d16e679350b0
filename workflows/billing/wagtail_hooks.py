from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter
from workflows.core.outbox import ReadOnlyPermissionPolicy
from workflows.customers.models import Customer

from . import services, views
from .choices import DepositState
from .models import Deposit, FinalSettlement, Invoice, Payment
from .viewsets import BillingGroup

# Deposits are received, deducted from and refunded by their commands only (the screens above);
# payments are recorded and allocated by theirs (Wagtail's generic form would skip both).
register_permission_policy(Deposit, ReadOnlyPermissionPolicy(Deposit))
register_permission_policy(Payment, ReadOnlyPermissionPolicy(Payment))
register_snippet(BillingGroup)

#: Who sees a customer's statement of account (and its link on the customer page).
STATEMENT_PERMISSION = views.StatementView.refusal_permission

EVENTS = {
    "billing.add_line": _("Line added"),
    "billing.credit_note": _("Credit note issued"),
    "billing.send_notice": _("Payment notice sent"),
    "billing.reminder": _("Reminder sent"),
    "billing.log_call": _("Collection call logged"),
    "billing.decision": _("Collection decision recorded"),
    "billing.deduct": _("Deducted from the deposit"),
    "billing.refund_deposit": _("Deposit refunded"),
}


@hooks.register("register_log_actions")
def register_billing_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("BillingEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_admin_urls")
def register_billing_urls():
    return [
        path("billing/run/", views.RunBillingView.as_view(), name="billing_run"),
        path("billing/payment/", views.RecordPaymentView.as_view(), name="billing_payment"),
        path(
            "billing/settlement/", views.PrepareSettlementView.as_view(), name="billing_settlement"
        ),
        path(
            "billing/invoice/<int:pk>/notice/",
            views.SendNoticeView.as_view(),
            name="billing_notice",
        ),
        path(
            "billing/invoice/<int:pk>/credit/",
            views.CreditNoteView.as_view(),
            name="billing_credit",
        ),
        path(
            "billing/invoice/<int:pk>/print/",
            views.NoticePrintView.as_view(),
            name="billing_print_notice",
        ),
        path("billing/deposit/", views.ReceiveDepositView.as_view(), name="billing_deposit"),
        path(
            "billing/deposit/<int:pk>/deduct/",
            views.DeductionView.as_view(),
            name="billing_deduct",
        ),
        path(
            "billing/payment/<int:pk>/allocate/",
            views.AllocatePaymentView.as_view(),
            name="billing_allocate",
        ),
        path(
            "billing/deposit/<int:pk>/refund/",
            views.RefundDepositView.as_view(),
            name="billing_refund",
        ),
        path(
            "billing/settlement/<int:pk>/print/",
            views.SettlementPrintView.as_view(),
            name="billing_print_settlement",
        ),
        path(
            "billing/settlement/<int:pk>/export/",
            views.SettlementExportView.as_view(),
            name="billing_export_settlement",
        ),
        path(
            "billing/statement/<int:customer>/",
            views.StatementView.as_view(),
            name="billing_statement",
        ),
        path("reports/receivables/", views.ReportsView.as_view(), name="billing_reports"),
    ]


class ReceivablesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("billing.view_invoice")


@hooks.register("register_reports_menu_item")
def register_receivables_menu_item():
    return ReceivablesMenuItem(
        _("Receivables"), reverse("billing_reports"), icon_name="table", order=30
    )


def _button(label, url, name, priority):
    return HeaderButton(
        label, url=url, icon_name="doc-full", attrs={"data-billing": name}, priority=priority
    )


@hooks.register("register_process_header_buttons")
def billing_header_buttons(request, record):
    user = request.user
    buttons = []
    if isinstance(record, Invoice):
        if record.state in Invoice.OPEN_STATES and services.send_notice.command.user_may(
            user, record
        ):
            buttons.append(
                _button(
                    _("Send payment notice"),
                    reverse("billing_notice", args=[record.pk]),
                    "notice",
                    60,
                )
            )
        if record.kind == "invoice" and services.issue_credit_note.command.user_may(user, record):
            buttons.append(
                _button(_("Credit note"), reverse("billing_credit", args=[record.pk]), "credit", 61)
            )
        buttons.append(
            _button(_("Print"), reverse("billing_print_notice", args=[record.pk]), "print", 62)
        )
    if isinstance(record, Customer) and user.has_perm(STATEMENT_PERMISSION):
        buttons.append(
            _button(
                _("Statement of account"),
                reverse("billing_statement", args=[record.pk]),
                "statement",
                70,
            )
        )
    if isinstance(record, Deposit):
        if record.state == DepositState.HELD and services.deduct_from_deposit.command.user_may(
            user, record
        ):
            buttons.append(
                _button(
                    _("Deduct from the deposit"),
                    reverse("billing_deduct", args=[record.pk]),
                    "deduct",
                    60,
                )
            )
        if record.state == DepositState.REFUND_DUE and services.refund_deposit.command.user_may(
            user, record
        ):
            buttons.append(
                _button(
                    _("Deposit refunded"), reverse("billing_refund", args=[record.pk]), "refund", 61
                )
            )
    if (
        isinstance(record, Payment)
        and record.unallocated > 0
        and services.allocate_credit.command.user_may(user, record)
    ):
        buttons.append(
            _button(
                _("Allocate to invoices"),
                reverse("billing_allocate", args=[record.pk]),
                "allocate",
                60,
            )
        )
    if isinstance(record, FinalSettlement):
        buttons.append(
            _button(_("Print"), reverse("billing_print_settlement", args=[record.pk]), "print", 62)
        )
        buttons.append(
            _button(
                _("Excel"),
                reverse("billing_export_settlement", args=[record.pk]),
                "export",
                64,
            )
        )
        deposit = Deposit.objects.filter(contract_id=record.contract_id, state="refund_due").first()
        if deposit and services.refund_deposit.command.user_may(user, deposit):
            buttons.append(
                _button(
                    _("Deposit refunded"),
                    reverse("billing_refund", args=[deposit.pk]),
                    "refund",
                    63,
                )
            )
    return buttons


def _register_customer_section():
    """The customer page lists the customer's invoices, for those who see invoices."""
    from workflows.customers.related import register_customer_section

    register_customer_section(
        _("Invoices"),
        lambda customer: Invoice.objects.filter(customer=customer).order_by("-invoice_date", "-pk"),
        permission=STATEMENT_PERMISSION,
        order=70,
    )


_register_customer_section()
