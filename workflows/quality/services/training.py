"""Training needs of an approved assessment become training enrolments (P7.5, P8.3).

Each line of the needs names a KPI the employee missed (as `compute` writes it), a training
topic, or the title of a planned session. A KPI or a topic leads to the first planned
session of its topic still to come; the employee is enrolled through training's own command
(`people.enrol_employee`: once per session, the employee is emailed once). What finds no
session is said in the assessment's History, for HR to plan one.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workflows.core.services import log_event

from ..kpi.registry import registry


def _labels(choices):
    """{label in every language, lower case: value}, with the values themselves."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices:
                found[str(label).strip().lower()] = value
    for _value, _label in choices:
        found[str(_value).lower()] = _value
    return found


def topic_of(line):
    """The training topic a line of training needs asks for, or ""."""
    from workflows.people.choices import Topic

    key = line.strip().lower()
    kpis = _labels([(kpi.training_topic, kpi.label) for kpi in registry().values()])
    if kpis.get(key):
        return kpis[key]
    return _labels(Topic.choices).get(key, "")


def _planned(now):
    from workflows.people.choices import SessionState
    from workflows.people.models import TrainingSession

    return TrainingSession.objects.filter(state=SessionState.PLANNED, starts_at__gt=now).order_by(
        "starts_at", "pk"
    )


def session_for(line, *, now=None):
    """The planned session that answers a line of training needs, or None."""
    now = now or timezone.now()
    topic = topic_of(line)
    if topic:
        return _planned(now).filter(topic=topic).first()
    title = line.strip()
    return _planned(now).filter(title__icontains=title).first() if title else None


def enrol_for_training(assessment, *, user, now=None):
    """Enrol the assessed employee in a session for each of the assessment's training needs.

    Returns (sessions enrolled in, lines without a session). Two needs answered by the
    same session enrol once.
    """
    from workflows.people.services import enrol_employee

    sessions, unmatched = [], []
    for line in (assessment.training_needs or "").splitlines():
        if not line.strip():
            continue
        session = session_for(line, now=now)
        if session is None:
            unmatched.append(line.strip())
        elif session not in sessions:
            sessions.append(session)
    for session in sessions:
        enrol_employee(session, user=user, employee=assessment.employee)
    if sessions or unmatched:
        parts = [str(s) for s in sessions]
        if unmatched:
            parts.append(_("no planned session for: %(needs)s") % {"needs": "; ".join(unmatched)})
        log_event(assessment, "quality.enrol_training", user=user, note=", ".join(parts))
    return sessions, unmatched
