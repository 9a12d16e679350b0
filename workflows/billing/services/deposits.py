"""Deposits (P6.4): received, deductions, refund."""

from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.money import money
from workflows.core.records import create_record
from workflows.core.services import log_event

from .. import permissions as P
from ..choices import DepositState
from ..models import Deposit, DepositDeduction
from .common import BillingError, today


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
