"""Admin views of billing beyond the shared ones: each runs one command (403 without it)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from workflows.core.admin_pages import TitledAdminPageMixin
from workflows.core.refusal import RefusalMixin

from . import exports, reports, services
from .forms import (
    AllocationForm,
    ConfirmForm,
    CreditNoteForm,
    DeductionForm,
    DepositForm,
    PaymentForm,
    RunBillingForm,
    SettlementForm,
)
from .models import Deposit, FinalSettlement, Invoice, Payment

INVOICES = "wagtailsnippets_billing_invoice:list"
INVOICE = "wagtailsnippets_billing_invoice:inspect"
SETTLEMENT = "wagtailsnippets_billing_finalsettlement:inspect"
DEPOSIT = "wagtailsnippets_billing_deposit:inspect"
PAYMENT = "wagtailsnippets_billing_payment:inspect"


class CommandFormView(RefusalMixin, TitledAdminPageMixin, FormView):
    """A form whose valid data runs `service`; its field errors come back on the form."""

    template_name = "billing/command_form.html"
    header_icon = "doc-full"
    service = None
    title = ""
    submit_label = gettext_lazy("Save")
    record_model = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = (
            get_object_or_404(self.record_model, pk=kwargs["pk"]) if self.record_model else None
        )

    def has_refusal_permission(self):
        return self.service.command.user_may(self.request.user, self.object)

    def get_page_title(self):
        return self.title

    def get_page_subtitle(self):
        return str(self.object or "")

    def run(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            result = self.run(form.cleaned_data)
        except services.BillingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            return self.form_invalid(form)
        return self.done(result)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "submit_label": self.submit_label,
        }


class RunBillingView(CommandFormView):
    form_class = RunBillingForm
    service = services.run_billing
    title = gettext_lazy("Run billing")
    submit_label = gettext_lazy("Run billing")

    def run(self, data):
        return services.run_billing(on=data["on"], user=self.request.user)

    def done(self, made):
        messages.success(self.request, _("%(count)s invoices made.") % {"count": made})
        return redirect(reverse(INVOICES))


class SendNoticeView(CommandFormView):
    form_class = ConfirmForm
    service = services.send_notice
    record_model = Invoice
    title = gettext_lazy("Send the payment notice")
    submit_label = gettext_lazy("Send by email and SMS")

    def run(self, data):
        return services.send_notice(self.object, user=self.request.user)

    def done(self, notice):
        messages.success(self.request, _("Payment notice sent."))
        return redirect(reverse(INVOICE, args=[self.object.pk]))


class CreditNoteView(CommandFormView):
    form_class = CreditNoteForm
    service = services.issue_credit_note
    record_model = Invoice
    title = gettext_lazy("Issue a credit note")
    submit_label = gettext_lazy("Issue the credit note")

    def run(self, data):
        return services.issue_credit_note(self.object, user=self.request.user, **data)

    def done(self, note):
        messages.success(
            self.request, _("Credit note %(number)s issued.") % {"number": note.number}
        )
        return redirect(reverse(INVOICE, args=[note.pk]))


class RecordPaymentView(CommandFormView):
    form_class = PaymentForm
    service = services.record_payment
    title = gettext_lazy("Record a payment")
    submit_label = gettext_lazy("Record and allocate")

    def run(self, data):
        return services.record_payment(Payment(**data), user=self.request.user)

    def done(self, payment):
        messages.success(
            self.request,
            _("Payment recorded; %(credit)s kept as credit.") % {"credit": payment.unallocated},
        )
        return redirect(reverse(INVOICES))


class PrepareSettlementView(CommandFormView):
    form_class = SettlementForm
    service = services.prepare_settlement
    title = gettext_lazy("Prepare a final settlement")
    submit_label = gettext_lazy("Prepare")

    def run(self, data):
        settlement = FinalSettlement(contract=data["contract"], returned_on=data["returned_on"])
        return services.prepare_settlement(
            settlement, user=self.request.user, damage=data["damage"], other=data["other"]
        )

    def done(self, settlement):
        return redirect(reverse(SETTLEMENT, args=[settlement.pk]))


class RefundDepositView(CommandFormView):
    form_class = ConfirmForm
    service = services.refund_deposit
    record_model = Deposit
    title = gettext_lazy("Refund the deposit")
    submit_label = gettext_lazy("Refunded")

    def run(self, data):
        return services.refund_deposit(self.object, user=self.request.user)

    def done(self, deposit):
        messages.success(self.request, _("Deposit refunded."))
        settlement = FinalSettlement.objects.filter(contract_id=deposit.contract_id).first()
        return redirect(
            reverse(SETTLEMENT, args=[settlement.pk]) if settlement else reverse(INVOICES)
        )


class ReceiveDepositView(CommandFormView):
    form_class = DepositForm
    service = services.receive_deposit
    title = gettext_lazy("Receive a deposit")
    submit_label = gettext_lazy("Received")

    def run(self, data):
        return services.receive_deposit(Deposit(**data), user=self.request.user)

    def done(self, deposit):
        messages.success(self.request, _("Deposit received."))
        return redirect(reverse(DEPOSIT, args=[deposit.pk]))


class DeductionView(CommandFormView):
    form_class = DeductionForm
    service = services.deduct_from_deposit
    record_model = Deposit
    title = gettext_lazy("Deduct from the deposit")
    submit_label = gettext_lazy("Deduct")

    def run(self, data):
        return services.deduct_from_deposit(self.object, user=self.request.user, **data)

    def done(self, deduction):
        messages.success(self.request, _("Deducted from the deposit."))
        return redirect(reverse(DEPOSIT, args=[self.object.pk]))


class AllocatePaymentView(CommandFormView):
    """Finance chooses which open invoices a payment's credit pays."""

    form_class = AllocationForm
    service = services.allocate_credit
    record_model = Payment
    title = gettext_lazy("Allocate the payment")
    submit_label = gettext_lazy("Allocate")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "payment": self.object}

    def run(self, data):
        return services.allocate_credit(
            self.object, user=self.request.user, invoices=list(data["invoices"])
        )

    def done(self, payment):
        messages.success(
            self.request,
            _("Payment allocated; %(credit)s kept as credit.") % {"credit": payment.unallocated},
        )
        return redirect(reverse(PAYMENT, args=[payment.pk]))


class PrintView(RefusalMixin, TemplateView):
    """A printable A4 page (the browser prints it)."""

    refusal_permission = "billing.view_invoice"


class NoticePrintView(PrintView):
    template_name = "billing/print_notice.html"

    def get_context_data(self, **kwargs):
        invoice = get_object_or_404(
            Invoice.objects.select_related("customer", "contract"), pk=kwargs["pk"]
        )
        return {
            "invoice": invoice,
            "notice": getattr(invoice, "notice", None),
            "lines": invoice.lines.all(),
        }


class SettlementPrintView(PrintView):
    template_name = "billing/print_settlement.html"
    refusal_permission = "billing.view_finalsettlement"

    def get_context_data(self, **kwargs):
        settlement = get_object_or_404(
            FinalSettlement.objects.select_related("contract__customer", "approved_by"),
            pk=kwargs["pk"],
        )
        deposit = Deposit.objects.filter(contract_id=settlement.contract_id).first()
        return {
            "settlement": settlement,
            "deposit": deposit,
            "deductions": deposit.deductions.all() if deposit else [],
            "statement": services.statement(settlement.contract_id, settlement.returned_on),
        }


class SettlementExportView(SettlementPrintView):
    """The same settlement as an Excel workbook (archived statements are exported as they are)."""

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return exports.settlement_response(
            context["settlement"], context["deductions"], context["statement"]["invoices"]
        )


class StatementView(PrintView):
    """A customer's statement of account at any time."""

    template_name = "billing/print_statement.html"

    def get_context_data(self, **kwargs):
        from workflows.customers.models import Customer

        customer = get_object_or_404(Customer, pk=kwargs["customer"])
        invoices = Invoice.objects.filter(customer=customer).order_by("invoice_date", "pk")
        payments = Payment.objects.filter(customer=customer).order_by("received_on", "pk")
        return {
            "customer": customer,
            "invoices": invoices,
            "payments": payments,
            "balance": sum((i.total for i in invoices), 0) - sum((p.amount for p in payments), 0),
        }


class ReportsView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    refusal_permission = "billing.view_invoice"
    template_name = "billing/reports.html"
    page_title = gettext_lazy("Receivables")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return reports.excel_response()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **reports.figures()}
