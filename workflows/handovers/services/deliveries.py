"""Business commands of the delivery handover (P3.1-P3.4)."""

import base64
import binascii

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command, transition_command
from workflows.core.records import create_record
from workflows.core.services import log_event, perform_transition
from workflows.core.uploads import validate_upload
from workflows.fleet.choices import UnitState
from workflows.fleet.services import send_out_unit
from workflows.leasing.choices import ContractState
from workflows.leasing.services import activate_contract

from ..choices import ChecklistKind, DeliveryState, SignatureSide
from ..exceptions import HandoverInvalid
from ..models import AcceptanceProblem, ChecklistItem, Delivery, DeliveryUnit, Signature
from ..models.deliveries import unticked_items
from ..permissions import DELIVER

PHOTO_KINDS = ("jpeg", "png", "webp")


def new_delivery(contract):
    """An unsaved delivery of `contract`, on its delivery date at its delivery place."""
    from datetime import time

    return Delivery(
        contract=contract,
        scheduled_on=contract.delivery_date,
        window_start=time(9, 0),
        window_end=time(12, 0),
        place=contract.delivery_place,
    )


def checklist_for(unit):
    """The preparation items of one unit: the fixed steps, one per accessory of its model,
    and the documents packed (P3.1)."""
    model = unit.equipment_model
    items = [
        (ChecklistKind.CLEANED, _("Cleaned")),
        (ChecklistKind.COMMISSIONED, _("Commissioned")),
        (ChecklistKind.PERFORMANCE, _("Performance tested (readings)")),
    ]
    for accessory in model.accessories.all():
        items.append(
            (
                ChecklistKind.ACCESSORY,
                _("%(name)s × %(quantity)s present")
                % {"name": accessory.name, "quantity": accessory.quantity},
            )
        )
    items += [
        (ChecklistKind.EQUIPMENT_LIST, _("Equipment list packed")),
        (ChecklistKind.MANUAL, _("Operating manual packed")),
        (ChecklistKind.MAINTENANCE_RECORD, _("Maintenance record packed")),
    ]
    return items


@command(model=Delivery, permission="handovers.add_delivery", creates=True)
def schedule_delivery(delivery, *, user):
    """After-sales schedules the delivery of a signed contract (P3.2) and gets the
    preparation checklist of each booked unit (P3.1)."""
    contract = type(delivery.contract).objects.select_for_update().get(pk=delivery.contract_id)
    if contract.state != ContractState.SIGNED:
        raise HandoverInvalid(
            {"contract": _("Only a signed contract is delivered.")}, code="not_signed"
        )
    if contract.deliveries.exists():
        raise HandoverInvalid(
            {"contract": _("This contract already has a delivery.")}, code="delivery_exists"
        )
    delivery.contract = contract
    delivery.full_clean(exclude=["reference"])
    delivery = create_record(delivery, user=user)
    units = [b.unit for b in contract.bookings.filter(active=True).select_related("unit")]
    delivery_units = DeliveryUnit.objects.bulk_create(
        [DeliveryUnit(delivery=delivery, unit=unit) for unit in units]
    )
    items = []
    for delivery_unit, unit in zip(delivery_units, units, strict=True):
        for order, (kind, label) in enumerate(checklist_for(unit)):
            items.append(
                ChecklistItem(delivery_unit=delivery_unit, kind=kind, label=label, sort_order=order)
            )
    ChecklistItem.objects.bulk_create(items)
    return delivery


def _lock(delivery, *states):
    current = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if states and current.state not in states:
        raise HandoverInvalid(
            _("The delivery is “%(state)s”: this cannot be done now.")
            % {"state": current.get_state_display()},
            code="wrong_state",
        )
    return current


def _item(delivery, item):
    item_id = getattr(item, "pk", item)
    try:
        return ChecklistItem.objects.select_related("delivery_unit__unit").get(
            pk=item_id, delivery_unit__delivery=delivery
        )
    except ChecklistItem.DoesNotExist:
        raise HandoverInvalid(_("That item is not on this delivery's checklist.")) from None


@command(model=Delivery, permission=DELIVER)
def tick_item(delivery, *, user, item, readings=""):
    """A named person ticks one preparation item, with the time (P3.1).

    The performance test needs its readings.
    """
    _lock(delivery, DeliveryState.SCHEDULED)
    item = _item(delivery, item)
    readings = (readings or "").strip()
    if item.kind == ChecklistKind.PERFORMANCE and not readings:
        raise HandoverInvalid({"readings": _("Write the readings of the performance test.")})
    if item.ticked_at is not None:
        return item
    item.ticked_at = timezone.now()
    item.ticked_by = user
    item.readings = readings
    item.save(update_fields=["ticked_at", "ticked_by", "readings"])
    log_event(
        delivery, "handovers.tick_item", user=user, note=f"{item.delivery_unit}: {item.label}"
    )
    return item


@transition_command(Delivery, "dispatch")
def dispatch_delivery(delivery, *, user, expected_state=None, note=""):
    """The prepared units leave for the site (P3.2); refused, naming the items, while any
    preparation item is unticked."""
    missing = unticked_items(delivery)
    if missing:
        listed = "; ".join(f"{i.delivery_unit.unit.asset_number}: {i.label}" for i in missing[:10])
        raise HandoverInvalid(
            _("Not dispatched: these preparation items are not ticked: %(items)s.")
            % {"items": listed},
            code="unticked",
        )

    def prepare(d):
        d.dispatched_at = timezone.now()

    return perform_transition(
        delivery, "dispatch", user=user, note=note, expected_state=expected_state, prepare=prepare
    )


@transition_command(Delivery, "demonstrate")
def record_demonstration(delivery, *, user, attendees, notes="", expected_state=None, note=""):
    """Operation, precautions and daily care were explained and demonstrated (P3.2)."""

    def prepare(d):
        d.attendees = (attendees or "").strip()
        d.demonstration_notes = (notes or "").strip()
        d.demonstrated_at = timezone.now()

    return perform_transition(
        delivery,
        "demonstrate",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


def _delivery_unit(delivery, delivery_unit):
    pk = getattr(delivery_unit, "pk", delivery_unit)
    try:
        return DeliveryUnit.objects.select_related("unit").get(pk=pk, delivery=delivery)
    except DeliveryUnit.DoesNotExist:
        raise HandoverInvalid(_("That unit is not on this delivery.")) from None


@command(model=Delivery, permission=DELIVER)
def record_problem(delivery, *, user, delivery_unit, description, photo=None):
    """A problem found at the joint acceptance, with a photo (P3.3)."""
    delivery = _lock(delivery, DeliveryState.DEMONSTRATED)
    delivery_unit = _delivery_unit(delivery, delivery_unit)
    if delivery_unit.accepted_at:
        raise HandoverInvalid(_("Unit %(unit)s is already accepted.") % {"unit": delivery_unit})
    if not (description or "").strip():
        raise HandoverInvalid({"description": _("Describe the problem.")})
    if photo:
        validate_upload(photo, kinds=PHOTO_KINDS)
    problem = AcceptanceProblem.objects.create(
        delivery_unit=delivery_unit,
        description=description.strip(),
        photo=photo or "",
        recorded_by=user,
    )
    log_event(
        delivery, "handovers.record_problem", user=user, note=f"{delivery_unit}: {description}"
    )
    return problem


def _problem(delivery, problem):
    pk = getattr(problem, "pk", problem)
    try:
        return AcceptanceProblem.objects.select_related("delivery_unit").get(
            pk=pk, delivery_unit__delivery=delivery
        )
    except AcceptanceProblem.DoesNotExist:
        raise HandoverInvalid(_("That problem is not on this delivery.")) from None


@command(model=Delivery, permission=DELIVER)
def fix_problem(delivery, *, user, problem, fix):
    """What was done about a problem found at acceptance (P3.3)."""
    delivery = _lock(delivery, DeliveryState.DEMONSTRATED)
    problem = _problem(delivery, problem)
    if not (fix or "").strip():
        raise HandoverInvalid({"fix": _("Say how the problem was fixed.")})
    problem.fix = fix.strip()
    problem.fixed_at = timezone.now()
    problem.save(update_fields=["fix", "fixed_at"])
    log_event(delivery, "handovers.fix_problem", user=user, note=problem.fix)
    return problem


@command(model=Delivery, permission=DELIVER)
def reinspect_problem(delivery, *, user, problem):
    """The fix is inspected again, with the customer, before the unit is accepted (P3.3)."""
    delivery = _lock(delivery, DeliveryState.DEMONSTRATED)
    problem = _problem(delivery, problem)
    if problem.fixed_at is None:
        raise HandoverInvalid(_("The problem is not fixed yet."))
    problem.reinspected_at = timezone.now()
    problem.reinspected_by = user
    problem.save(update_fields=["reinspected_at", "reinspected_by"])
    log_event(delivery, "handovers.reinspect_problem", user=user, note=str(problem))
    return problem


@command(model=Delivery, permission=DELIVER)
def accept_unit(
    delivery, *, user, delivery_unit, appearance_ok, performance_ok, accessories_ok, notes=""
):
    """The customer and After-sales accept one unit: appearance, performance, accessories
    (P3.3). Refused while a problem is not fixed and re-inspected."""
    delivery = _lock(delivery, DeliveryState.DEMONSTRATED)
    delivery_unit = _delivery_unit(delivery, delivery_unit)
    if not (appearance_ok and performance_ok and accessories_ok):
        raise HandoverInvalid(
            _(
                "Unit %(unit)s: appearance, performance and accessories must all be accepted; "
                "record a problem for what is not."
            )
            % {"unit": delivery_unit}
        )
    open_problem = delivery_unit.problems.filter(reinspected_at__isnull=True).first()
    if open_problem is not None:
        raise HandoverInvalid(
            _("Unit %(unit)s: “%(problem)s” is not fixed and re-inspected yet.")
            % {"unit": delivery_unit, "problem": open_problem}
        )
    delivery_unit.appearance_ok = delivery_unit.performance_ok = True
    delivery_unit.accessories_ok = True
    delivery_unit.acceptance_notes = (notes or "").strip()
    delivery_unit.accepted_at = timezone.now()
    delivery_unit.accepted_by = user
    delivery_unit.save()
    log_event(delivery, "handovers.accept_unit", user=user, note=str(delivery_unit))
    return delivery_unit


def signature_file(data_url):
    """The PNG a canvas drew (`data:image/png;base64,...`), as a file to store."""
    prefix = "data:image/png;base64,"
    if not (data_url or "").startswith(prefix):
        raise HandoverInvalid({"signature": _("Draw the signature.")})
    try:
        content = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise HandoverInvalid({"signature": _("The signature could not be read.")}) from None
    upload = ContentFile(content, name="signature.png")
    validate_upload(upload, kinds=("png",))
    return upload


@command(model=Delivery, permission=DELIVER)
def sign_delivery(delivery, *, user, side, name, image):
    """One side signs the delivery checklist on screen; the drawing is stored with the
    name and time (P3.4). `image` is a file or a canvas data URL."""
    delivery = _lock(delivery, DeliveryState.DEMONSTRATED)
    if side not in SignatureSide.values:
        raise HandoverInvalid({"side": _("Choose who signs.")})
    if not (name or "").strip():
        raise HandoverInvalid({"name": _("Give the name of the person signing.")})
    if isinstance(image, str):
        image = signature_file(image)
    else:
        validate_upload(image, kinds=("png",))
    signature, _created = Signature.objects.update_or_create(
        delivery=delivery,
        side=side,
        defaults={
            "name": name.strip(),
            "image": image,
            "signed_at": timezone.now(),
            "recorded_by": user,
        },
    )
    log_event(
        delivery,
        "handovers.sign",
        user=user,
        note=f"{signature.get_side_display()}: {signature.name}",
    )
    return signature


@command(model=Delivery, permission=DELIVER)
def upload_signed_checklist(delivery, *, user, scan):
    """The paper checklist signed by both sides, scanned, instead of signing on screen."""
    delivery = _lock(delivery, DeliveryState.DEMONSTRATED)
    validate_upload(scan, kinds=("pdf", "jpeg", "png"))
    delivery.signed_scan = scan
    delivery.save(update_fields=["signed_scan", "updated_at"])
    log_event(delivery, "handovers.upload_signed_checklist", user=user, note=scan.name)
    return delivery


@transition_command(Delivery, "accept")
def accept_delivery(delivery, *, user, expected_state=None, note=""):
    """The handover is complete (P3.4): the contract becomes active, its units go on
    lease, and whether it was on time is kept for the KPIs."""

    def prepare(d):
        d.accepted_at = timezone.now()
        d.on_time = timezone.localdate(d.accepted_at) <= d.contract.delivery_date

    delivery = perform_transition(
        delivery, "accept", user=user, note=note, expected_state=expected_state, prepare=prepare
    )
    activate_contract(
        delivery.contract, user=user, note=_("Delivery %(ref)s accepted.") % {"ref": delivery}
    )
    for delivery_unit in delivery.units.select_related("unit"):
        unit = delivery_unit.unit
        if unit.state in (UnitState.AVAILABLE, UnitState.RESERVED):
            send_out_unit(unit, user=user, note=str(delivery))
    # The customer is asked how the delivery went (P7.2), once per handover.
    from workflows.complaints.choices import Department
    from workflows.quality.services import survey_after_delivery

    survey_after_delivery(
        delivery,
        customer=delivery.contract.customer,
        employee=user,
        department=Department.AFTER_SALES,
        language=delivery.contract.language,
    )
    return delivery
