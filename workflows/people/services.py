"""Commands of training and development (P8): one function per business step."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, simple_transition, transition_command
from workflows.core.notifications import queue_message
from workflows.core.records import create_record
from workflows.core.services import perform_transition

from .exceptions import QuizNotAvailable, SessionNotPlanned
from .models import Enrolment, QuizAttempt, TrainingSession


def _staff_member(user, record=None):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


@command(model=QuizAttempt, permission=_staff_member, creates=True)
def submit_quiz(attempt, *, user, quiz, pass_mark):
    """Score an employee's answers on the server and store the attempt once (P8.2).

    `quiz` is [(question id, correct choice index)], read from the published course;
    the browser only sends which choice was picked, never whether it was right. The
    same attempt token sent again returns the attempt stored the first time.
    """
    if not quiz:
        raise QuizNotAvailable(_("This course has no quiz."))
    existing = QuizAttempt.objects.filter(token=attempt.token).first()
    if existing is not None:
        return existing
    picked = {str(key): str(value) for key, value in (attempt.answers or {}).items()}
    correct = sum(1 for qid, right in quiz if picked.get(str(qid)) == str(right))
    attempt.employee = user
    attempt.answers = {str(qid): picked.get(str(qid), "") for qid, _right in quiz}
    attempt.correct = correct
    attempt.questions = len(quiz)
    attempt.score = round(100 * correct / len(quiz))
    attempt.passed = attempt.score >= pass_mark
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        return QuizAttempt.objects.get(token=attempt.token)
    return attempt


@command(model=TrainingSession, permission="people.add_trainingsession", creates=True)
def plan_session(session, *, user):
    """HR puts a session of the training plan in the calendar (P8.3)."""
    return create_record(session, user=user)


@command(model=TrainingSession, permission="people.run_trainingsession")
def enrol_employee(session, *, user, employee):
    """Choose an employee for a session (for external courses: who is sent) and tell them."""
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if session.state != "planned":
            raise SessionNotPlanned(_("Only a planned session takes enrolments."))
        enrolment, _created = Enrolment.objects.get_or_create(session=session, employee=employee)
        queue_message(
            channel=MessageChannel.EMAIL,
            template="people/enrolled",
            context={"session": session},
            dedupe_key=f"people.enrolled:{session.pk}:{employee.pk}",
            record=session,
            user=employee,
        )
    return enrolment


@transition_command(TrainingSession, "hold")
def hold_session(session, *, user, expected_state=None, note="", attended=()):
    """The session took place: who attended is recorded with it."""
    attended_ids = {getattr(e, "pk", e) for e in attended}

    def prepare(record):
        for enrolment in record.enrolments.all():
            enrolment.attended = enrolment.employee_id in attended_ids
            enrolment.save(update_fields=["attended"])

    return perform_transition(
        session, "hold", user=user, note=note, expected_state=expected_state, prepare=prepare
    )


@transition_command(TrainingSession, "evaluate")
def evaluate_session(
    session, *, user, evaluation, plan_adjustment="", expected_state=None, note=""
):
    """Effectiveness evaluated (exam, practical test, feedback) and the plan adjusted (P8.3)."""
    if not evaluation.strip():
        raise ValidationError({"evaluation": _("Write what the evaluation found.")})

    def prepare(record):
        record.evaluation = evaluation
        record.plan_adjustment = plan_adjustment

    return perform_transition(
        session, "evaluate", user=user, note=note, expected_state=expected_state, prepare=prepare
    )


cancel_session = simple_transition(TrainingSession, "cancel")
