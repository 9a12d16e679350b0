"""From a follow-up, one click opens a complaint, a suggestion or a consultation for Sales
(P4.4: "route problems to the right department"), prefilled and linked both ways.

Each record is created by its own process's service, in the same transaction as
the link, so there is never a record without its link nor a link without its record.
Each is a command whose permission is that of handling follow-ups plus that of
creating the kind of record it opens.
"""

from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.services import lock, log_event

from ..choices import FollowUpState as S
from ..exceptions import FollowUpInvalid
from ..models import HANDLE, FollowUp

#: kind → the permissions needed, besides handling follow-ups.
PERMISSIONS = {
    "consultation": ["consultations.add_consultation", "consultations.handle_consultation"],
    "suggestion": ["suggestions.add_suggestion"],
    "complaint": ["complaints.add_complaint"],
}


def may_open(user, kind):
    return user.is_superuser or user.has_perms([HANDLE, *PERMISSIONS[kind]])


def permission_to_open(kind):
    """The permission of the command that opens a `kind` from a follow-up."""

    def permission(user, follow_up=None):
        return may_open(user, kind)

    permission.__name__ = f"may_open_{kind}"
    return permission


def can_open(follow_up, kind):
    """A skipped follow-up routes nothing; each kind is opened once."""
    return follow_up.state != S.SKIPPED and getattr(follow_up, f"opened_{kind}_id") is None


def _open(follow_up, kind, *, user, create):
    """Runs inside the command's transaction, after its permission check."""
    fresh = lock(FollowUp, follow_up.pk)
    if fresh.state == S.SKIPPED:
        raise FollowUpInvalid(_("A skipped follow-up cannot be routed."), code="skipped")
    if getattr(fresh, f"opened_{kind}_id") is not None:
        raise FollowUpInvalid(
            _("This follow-up already opened one; see the link on its page."),
            code="already_opened",
        )
    record = create(fresh)
    setattr(fresh, f"opened_{kind}", record)
    fresh.save(update_fields=[f"opened_{kind}", "updated_at"])
    log_event(fresh, f"followups.open_{kind}", user=user, note=record.reference)
    return record


@command(model=FollowUp, permission=permission_to_open("consultation"))
def open_consultation(
    follow_up,
    *,
    user,
    channel,
    salesperson,
    customer_name,
    subject,
    question,
    sales_need,
    company="",
    phone="",
    email="",
):
    """A changing need heard in the follow-up goes to Sales as a consultation (P4.4, P2.1)."""
    from workflows.consultations import services as consultations
    from workflows.consultations.models import Consultation

    def create(fresh):
        consultation = Consultation(
            channel=channel,
            customer_name=customer_name,
            company=company,
            phone=phone,
            email=email,
            subject=subject,
            question=question,
            language=fresh.contract.language,
            handler=user,
        )
        consultation = consultations.record_consultation(consultation, user=user)
        return consultations.hand_to_sales(
            consultation,
            user=user,
            salesperson=salesperson,
            sales_need=sales_need,
            note=_("From follow-up %(reference)s") % {"reference": fresh.reference},
        )

    return _open(follow_up, "consultation", user=user, create=create)


@command(model=FollowUp, permission=permission_to_open("suggestion"))
def open_suggestion(
    follow_up,
    *,
    user,
    proposer_name,
    subject,
    description,
    company="",
    phone="",
    email="",
    category="",
):
    """A suggestion the customer made in the follow-up, filed as theirs (P9.7)."""
    from workflows.suggestions.services import receive_customer_suggestion

    def create(fresh):
        return receive_customer_suggestion(
            proposer_name=proposer_name,
            subject=subject,
            description=description,
            email=email,
            phone=phone,
            company=company,
            category=category,
            language=fresh.contract.language,
            customer=fresh.customer,
            recorded_by=user,
        )

    return _open(follow_up, "suggestion", user=user, create=create)


@command(model=FollowUp, permission=permission_to_open("complaint"))
def open_complaint(
    follow_up,
    *,
    user,
    channel,
    complainant_name,
    category,
    description,
    company="",
    phone="",
    email="",
    urgent=False,
):
    """A complaint the customer made in the follow-up, about this contract (P9.2)."""
    from workflows.complaints.models import Complaint
    from workflows.complaints.services import record_complaint

    def create(fresh):
        complaint = Complaint(
            channel=channel,
            complainant_name=complainant_name,
            company=company,
            phone=phone,
            email=email,
            customer=fresh.customer,
            contract=fresh.contract,
            matter_reference=fresh.contract.number,
            category=category,
            description=description,
            urgent=urgent,
            language=fresh.contract.language,
        )
        return record_complaint(complaint, user=user)

    return _open(follow_up, "complaint", user=user, create=create)
