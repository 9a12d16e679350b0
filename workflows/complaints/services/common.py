"""What every complaint command shares: lateness, public updates, checks on people."""

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.people import person_name
from workflows.core.tracking import publish_update

from ..access import INVESTIGATE
from ..choices import DEPARTMENT_GROUPS, ContactMethod, Department
from ..exceptions import ComplaintInvalid


def leaving_state(setter):
    """A `prepare` for perform_transition that also counts a deadline missed (P9.6 analysis)."""

    def prepare(complaint):
        if complaint.due_at is not None and complaint.due_at < timezone.now():
            complaint.deadlines_missed += 1
        setter(complaint)

    return prepare


def publish(complaint, text, *, user):
    """Staff's words to the complainant on the tracking page, when there is something to say."""
    text = (text or "").strip()
    if text:
        publish_update(complaint, text, user=user)


def publish_standard(complaint, message, *, user, **parameters):
    """A standard sentence (customer_messages.py) on the tracking page, stored as its code:
    each reader reads it in their own language, never in the acting staff member's."""
    publish_update(complaint, code=message.code, parameters=parameters, user=user)


def check_investigator(department, investigator):
    """The investigator belongs to the department the complaint is assigned to (P9.3)."""
    if department not in DEPARTMENT_GROUPS:
        raise ComplaintInvalid({"department": _("Choose a department.")}, code="no_department")
    in_department = investigator.groups.filter(name=DEPARTMENT_GROUPS[department]).exists()
    if not investigator.is_active or not in_department or not investigator.has_perm(INVESTIGATE):
        raise ComplaintInvalid(
            {
                "investigator": _("%(name)s does not investigate for %(department)s.")
                % {
                    "name": person_name(investigator),
                    "department": Department(department).label,
                }
            },
            code="investigator_not_in_department",
        )


def check_staff_member(department, staff_member):
    """The staff member complained about is an active member of the department answering for
    the complaint (P7.2: a department's repeated complaints are examined with its people)."""
    if staff_member is None:
        return
    in_department = staff_member.groups.filter(name=DEPARTMENT_GROUPS.get(department)).exists()
    if not staff_member.is_active or not in_department:
        raise ComplaintInvalid(
            {
                "staff_member": _("%(name)s is not an active member of %(department)s.")
                % {"name": person_name(staff_member), "department": Department(department).label}
            },
            code="staff_member_not_in_department",
        )


def naming(note, staff_member):
    """The History note and data of a command that names the staff member complained about:
    whoever reads the History sees who was named, and by whom."""
    if staff_member is None:
        return note, {}
    line = _("Staff member complained about: %(name)s") % {"name": person_name(staff_member)}
    note = f"{note}\n{line}" if note else line
    return note, {"staff_member": staff_member.get_username()}


def check_method(complaint, method):
    """An email needs an address, a text message a phone number."""
    if method == ContactMethod.EMAIL and not complaint.email:
        raise ComplaintInvalid(
            {"communicated_via": _("The complainant left no email address.")}, code="no_email"
        )
    if method == ContactMethod.SMS and not complaint.phone:
        raise ComplaintInvalid(
            {"communicated_via": _("The complainant left no phone number.")}, code="no_phone"
        )
