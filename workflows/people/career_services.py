"""Commands of careers (P8.4) and mentoring (P8.2): development plans and their reviews,
promotions and rotations, mentor pairs; and the reminder job of plan reviews."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, simple_transition, transition_command
from workflows.core.notifications import queue_message
from workflows.core.people import people_to_tell
from workflows.core.records import create_record
from workflows.core.roles import HR
from workflows.core.services import log_events, perform_transition

from .careers import (
    REVIEW_REMINDER_DAYS,
    CareerMove,
    DevelopmentPlan,
    MentorPair,
    review_deadline,
)
from .choices import PairState, PlanState
from .models import StaffProfile


def _tell(user, template, context, dedupe_key, record):
    queue_message(
        channel=MessageChannel.EMAIL,
        template=template,
        context=context,
        dedupe_key=dedupe_key,
        record=record,
        user=user,
    )


# Development plans -------------------------------------------------------------------


@command(model=DevelopmentPlan, permission="people.add_developmentplan", creates=True)
def start_development_plan(plan, *, user):
    """HR writes an employee's development plan (P8.4); one plan is active per employee."""
    with transaction.atomic():
        active = DevelopmentPlan.objects.select_for_update().filter(
            employee=plan.employee, state=PlanState.ACTIVE
        )
        if active.exists():
            raise ValidationError(
                {"employee": _("This employee already has an active development plan.")}
            )
        if plan.review_on is not None and plan.review_on < timezone.localdate():
            raise ValidationError({"review_on": _("The next review cannot be in the past.")})
        return create_record(plan, user=user)


@transition_command(DevelopmentPlan, "review")
def review_development_plan(plan, *, user, notes, next_review_on, expected_state=None, note=""):
    """The plan reviewed with the employee: what was found, and when it is reviewed next."""
    errors = {}
    if not (notes or "").strip():
        errors["notes"] = _("Write what the review found.")
    if next_review_on is None or next_review_on <= timezone.localdate():
        errors["next_review_on"] = _("The next review must be after today.")
    if errors:
        raise ValidationError(errors)

    def prepare(record):
        record.last_reviewed_on = timezone.localdate()
        record.review_notes = notes.strip()
        record.review_on = next_review_on
        record.reminded_for = None

    return perform_transition(
        plan,
        "review",
        user=user,
        note=note or notes.strip(),
        expected_state=expected_state,
        prepare=prepare,
        due_at=review_deadline(next_review_on),
        log_data={"next_review_on": next_review_on.isoformat()},
    )


close_development_plan = simple_transition(DevelopmentPlan, "close")


def remind_development_reviews(*, now=None):
    """Remind the employee and HR of every plan reviewed within the week, once per date.

    Set-based and idempotent: the plans are claimed with one update of `reminded_for`
    (skipping rows another run holds), so a second run finds none left; a plan whose
    review date moves is reminded again for the new date. Reviews already past are
    the escalation's, not the reminder's.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=REVIEW_REMINDER_DAYS)
    due = DevelopmentPlan.objects.filter(
        state=PlanState.ACTIVE, review_on__gte=today, review_on__lte=horizon
    ).exclude(reminded_for=F("review_on"))
    with transaction.atomic():
        ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True))
        if not ids:
            return 0
        DevelopmentPlan.objects.filter(pk__in=ids).update(reminded_for=F("review_on"))
        plans = list(
            DevelopmentPlan.objects.filter(pk__in=ids).select_related("employee", "mentor")
        )
        for plan in plans:
            key = f"people.review-reminder:{plan.pk}:{plan.review_on:%Y%m%d}"
            _tell(plan.employee, "people/review_reminder", {"plan": plan}, key, plan)
        for person in people_to_tell(roles=(HR,)):
            queue_message(
                channel=MessageChannel.IN_APP,
                template="people/review_reminders",
                context={"plans": plans, "count": len(plans)},
                dedupe_key=f"people.review-reminders:{today:%Y%m%d}:{ids[0]}:{person.pk}",
                user=person,
            )
        log_events(plans, "people.remind_review")
    return len(ids)


# Promotions and rotations --------------------------------------------------------------


@command(model=CareerMove, permission="people.add_careermove", creates=True)
def propose_career_move(move, *, user):
    """HR proposes a promotion or rotation; the employee's current post is recorded with it."""
    profile = StaffProfile.objects.filter(user=move.employee).first()
    if profile is not None:
        move.from_department = profile.department
        move.from_position = profile.position
        move.from_level = profile.level
    return create_record(move, user=user)


approve_career_move = simple_transition(CareerMove, "approve")


@transition_command(CareerMove, "decline")
def decline_career_move(move, *, user, note, expected_state=None):
    """Management declines; the reason is kept in the History."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the move is declined.")})
    return perform_transition(
        move, "decline", user=user, note=note.strip(), expected_state=expected_state
    )


@transition_command(CareerMove, "make_effective")
def make_career_move_effective(move, *, user, expected_state=None, note=""):
    """The approved move takes effect: the staff profile gets the new post; the employee
    is told once."""

    def prepare(record):
        profile, _created = StaffProfile.objects.select_for_update().get_or_create(
            user=record.employee, defaults={"department": record.to_department}
        )
        profile.department = record.to_department
        profile.position = record.to_position
        if record.to_track:
            profile.track = record.to_track
        if record.to_level is not None:
            profile.level = record.to_level
        profile.save()

    with transaction.atomic():
        move = perform_transition(
            move,
            "make_effective",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=prepare,
        )
        _tell(
            move.employee,
            "people/move_effective",
            {"move": move},
            f"people.move-effective:{move.pk}",
            move,
        )
    return move


# Mentor pairs -------------------------------------------------------------------------


@command(model=MentorPair, permission="people.add_mentorpair", creates=True)
def pair_mentor(pair, *, user):
    """HR gives an employee a mentor (P8.2): the profile names the mentor; both are told."""
    if pair.mentor_id is None:
        raise ValidationError({"mentor": _("Choose the mentor.")})
    if pair.mentor_id == pair.mentee_id:
        raise ValidationError({"mentor": _("An employee cannot mentor themselves.")})
    with transaction.atomic():
        taken = MentorPair.objects.select_for_update().filter(
            mentee=pair.mentee, state=PairState.ACTIVE
        )
        if taken.exists():
            raise ValidationError(
                {"mentee": _("This employee already has a mentor; end that pairing first.")}
            )
        pair = create_record(pair, user=user)
        _start_pairing(pair)
    return pair


def _start_pairing(pair):
    """The mentee's profile names the mentor; mentor and mentee are emailed once."""
    StaffProfile.objects.filter(user=pair.mentee).update(mentor=pair.mentor)
    for person in (pair.mentor, pair.mentee):
        _tell(
            person,
            "people/paired",
            {"pair": pair},
            f"people.paired:{pair.pk}:{person.pk}",
            pair,
        )


@command(model=MentorPair, permission="people.add_mentorpair", creates=True)
def propose_mentor_pair(pair, *, user, note=""):
    """Coaching is proposed for an employee (P7.5, P8.2 導師帶徒 for weak skills): the pair
    waits without a mentor until HR assigns one. Refused while the employee has a mentor or
    a proposal already waits."""
    with transaction.atomic():
        taken = MentorPair.objects.select_for_update().filter(
            mentee=pair.mentee, state__in=[PairState.PROPOSED, PairState.ACTIVE]
        )
        if taken.exists():
            raise ValidationError(
                {"mentee": _("This employee already has a mentor or a proposed pairing.")}
            )
        # The state is protected once set: the proposal is built in its first state.
        proposal = MentorPair(
            state=PairState.PROPOSED,
            mentee=pair.mentee,
            reason=pair.reason,
            starts_on=pair.starts_on,
            ends_on=pair.ends_on,
            notes=pair.notes,
            assessment=pair.assessment,
        )
        return create_record(proposal, user=user, note=note)


@transition_command(MentorPair, "assign")
def assign_mentor(pair, *, user, mentor, expected_state=None, note=""):
    """HR chooses the mentor of a proposed pairing, which starts it today (or on its planned
    start): the profile names the mentor and both are told, as when HR pairs them directly."""
    if mentor is None:
        raise ValidationError({"mentor": _("Choose the mentor.")})
    if mentor.pk == pair.mentee_id:
        raise ValidationError({"mentor": _("An employee cannot mentor themselves.")})

    def prepare(record):
        taken = MentorPair.objects.select_for_update().filter(
            mentee=record.mentee, state=PairState.ACTIVE
        )
        if taken.exists():
            raise ValidationError(
                {"mentor": _("This employee already has a mentor; end that pairing first.")}
            )
        record.mentor = mentor
        record.starts_on = max(record.starts_on, timezone.localdate())

    with transaction.atomic():
        pair = perform_transition(
            pair,
            "assign",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=prepare,
            log_data={"mentor": mentor.pk},
        )
        _start_pairing(pair)
    return pair


@transition_command(MentorPair, "end")
def end_mentor_pair(pair, *, user, expected_state=None, note=""):
    """The pairing ends (today, unless an earlier end was planned); the profile forgets
    the mentor if it still names them."""

    def prepare(record):
        today = timezone.localdate()
        if record.ends_on is None or record.ends_on > today:
            record.ends_on = today
        StaffProfile.objects.filter(user=record.mentee, mentor=record.mentor).update(mentor=None)

    return perform_transition(
        pair, "end", user=user, note=note, expected_state=expected_state, prepare=prepare
    )
