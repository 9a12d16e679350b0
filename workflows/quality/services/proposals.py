"""An approved assessment's recommendation becomes a proposal in people (P7.5, P8.2, P8.4).

The regulation ties assessment results to promotion, position changes and coaching:

- **priority for promotion** (excellent twice in a row) → a promotion, proposed to
  Management; the target is the next level of the employee's track when the staff profile
  knows the level, otherwise HR fills it in while the move is proposed;
- **rotation or dismissal review** (unfit: 崗位調整或辭退) → a rotation, proposed to
  Management, who approves the change of post or declines it (a dismissal is decided
  outside this system; the decline's note says so);
- **training** (a KPI missed: the "weak skills" of 導師帶徒) → besides the training
  enrolments, a mentor pairing proposed for the employee, unless they already have a mentor
  or a proposal waits; HR chooses the mentor;
- no recommendation → nothing.

Each proposal is made through people's own command (numbered, History, its messages) and
names the assessment; the database keeps one move and one pairing per assessment, and the
exists-checks run under the approval's transaction, so a rerun never proposes twice.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.complaints.choices import DEPARTMENT_GROUPS
from workflows.core.services import log_event

from ..choices import Recommendation


def _post_of(assessment):
    """The employee's staff profile, or None; and their department as people names it."""
    from workflows.people.models import StaffProfile

    profile = StaffProfile.objects.filter(user=assessment.employee).first()
    department = profile.department if profile else ""
    return profile, department or DEPARTMENT_GROUPS.get(assessment.department, "")


def _propose_move(assessment, kind, reason, *, user):
    from workflows.people.career_services import propose_career_move
    from workflows.people.careers import DECISION_DAYS, CareerMove
    from workflows.people.choices import MoveKind

    if CareerMove.objects.select_for_update().filter(assessment=assessment).exists():
        return None
    profile, department = _post_of(assessment)
    move = CareerMove(
        employee=assessment.employee,
        kind=kind,
        reason=reason,
        to_department=department,
        to_position=profile.position if profile else "",
        effective_on=timezone.localdate() + datetime.timedelta(days=DECISION_DAYS),
        assessment=assessment,
    )
    if kind == MoveKind.PROMOTION and profile is not None:
        move.to_track = profile.track
        if profile.level is not None:
            move.to_level = profile.level + 1
    return propose_career_move(move, user=user)


def _propose_pair(assessment, reason, *, user):
    from workflows.people.career_services import propose_mentor_pair
    from workflows.people.careers import MentorPair
    from workflows.people.choices import PairReason, PairState

    pairs = MentorPair.objects.select_for_update()
    if pairs.filter(assessment=assessment).exists():
        return None
    if pairs.filter(
        mentee=assessment.employee, state__in=[PairState.PROPOSED, PairState.ACTIVE]
    ).exists():
        return None
    pair = MentorPair(
        mentee=assessment.employee,
        reason=PairReason.COACHING,
        notes=reason,
        assessment=assessment,
    )
    return propose_mentor_pair(pair, user=user)


def propose_from_assessment(assessment, *, user):
    """The proposal the assessment's recommendation calls for, or None (see the module).

    Runs inside the approval's transaction; the History of the assessment names what was
    proposed.
    """
    from workflows.people.choices import MoveKind

    recommendation = assessment.recommendation
    context = {"reference": assessment.reference, "score": assessment.score}
    if recommendation == Recommendation.PROMOTION_PRIORITY:
        reason = _(
            "Assessment %(reference)s (score %(score)s): excellent twice in a row, "
            "priority for promotion."
        )
        proposal = _propose_move(assessment, MoveKind.PROMOTION, reason % context, user=user)
    elif recommendation == Recommendation.ROTATION_REVIEW:
        reason = _(
            "Assessment %(reference)s (score %(score)s): unfit, review for a change of "
            "post or dismissal."
        )
        proposal = _propose_move(assessment, MoveKind.ROTATION, reason % context, user=user)
    elif recommendation == Recommendation.TRAINING:
        reason = _("Assessment %(reference)s: coaching in %(needs)s.") % {
            **context,
            "needs": "; ".join(
                line.strip() for line in assessment.training_needs.splitlines() if line.strip()
            )
            or _("the skills the assessment found weak"),
        }
        proposal = _propose_pair(assessment, reason, user=user)
    else:
        return None
    if proposal is not None:
        log_event(
            assessment,
            "quality.propose",
            user=user,
            note=_("proposed: %(proposal)s") % {"proposal": proposal},
        )
    return proposal


def proposals_of(assessment):
    """The promotions, rotations and mentor pairings this assessment proposed."""
    return [*assessment.career_moves.all(), *assessment.mentor_pairs.all()]
