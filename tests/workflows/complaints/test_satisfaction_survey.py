"""The satisfaction survey asked when a complaint is closed (P7.2): on commit of the close,
once; the periodic job only asks whoever was missed."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department, RootCause
from workflows.core.models import OutboundMessage
from workflows.quality.choices import SurveyOccasion
from workflows.quality.models import Survey
from workflows.quality.services import survey_closed_complaints

from .helpers import fresh

pytestmark = pytest.mark.django_db


def close(complaint, user):
    return services.close_complaint(
        complaint,
        user=user,
        root_cause=RootCause.EQUIPMENT_QUALITY,
        corrective_action="出車前加做油路檢查。",
    )


def surveys_of(complaint):
    return Survey.objects.filter(
        occasion=SurveyOccasion.COMPLAINT_CLOSED, object_id=str(complaint.pk)
    )


def test_the_survey_is_sent_when_the_close_commits_and_not_before(
    make, cs, investigator, django_capture_on_commit_callbacks
):
    complaint = make(S.RESULT_COMMUNICATED, language="en")

    with django_capture_on_commit_callbacks() as callbacks:
        close(complaint, cs)
        assert not surveys_of(complaint).exists()
    assert fresh(complaint).state == S.CLOSED
    assert not surveys_of(complaint).exists()

    for callback in callbacks:
        callback()

    survey = surveys_of(complaint).get()
    assert (survey.employee, survey.department, survey.language, survey.email) == (
        investigator,
        Department.AFTER_SALES,
        "en",
        complaint.email,
    )
    assert OutboundMessage.objects.filter(dedupe_key=f"quality.survey:{survey.pk}").count() == 1
    # the periodic job finds nobody left to ask
    assert survey_closed_complaints() == 0


def test_a_close_rolled_back_sends_nothing(make, cs, django_capture_on_commit_callbacks):
    complaint = make(S.RESULT_COMMUNICATED)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        close(complaint, cs)
        raise RuntimeError("the request failed after the close")

    assert fresh(complaint).state == S.RESULT_COMMUNICATED
    assert not surveys_of(complaint).exists()


def test_closed_again_after_reopening_the_complainant_is_not_asked_twice(
    make, cs, investigator, django_capture_on_commit_callbacks
):
    complaint = make(S.RESULT_COMMUNICATED)
    with django_capture_on_commit_callbacks(execute=True):
        close(complaint, cs)
    complaint = services.reopen_complaint(
        fresh(complaint),
        user=cs,
        department=Department.AFTER_SALES,
        investigator=investigator,
        note="客戶表示又漏油了。",
    )
    complaint = services.resolve_complaint(
        services.agree_plan(
            complaint,
            user=investigator,
            measures="再次更換油管。",
            plan_owner=investigator,
            plan_deadline=timezone.now() + timedelta(days=2),
        ),
        user=investigator,
        resolution="已再次更換油管。",
    )
    complaint = services.communicate_result(
        complaint, user=cs, result_message="油管已再次更換。", communicated_via="email"
    )

    with django_capture_on_commit_callbacks(execute=True):
        close(complaint, cs)

    assert surveys_of(complaint).count() == 1


def test_explained_and_closed_is_asked_too(make, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make(S.CLOSED, explained=True)

    assert surveys_of(complaint).count() == 1


def test_a_complainant_with_only_a_phone_is_asked_by_sms(
    make, cs, django_capture_on_commit_callbacks
):
    complaint = make(S.RESULT_COMMUNICATED)
    type(complaint).objects.filter(pk=complaint.pk).update(email="", phone="0912-000-111")

    with django_capture_on_commit_callbacks(execute=True):
        close(fresh(complaint), cs)

    survey = surveys_of(complaint).get()
    message = OutboundMessage.objects.get(dedupe_key=f"quality.survey:{survey.pk}")
    assert (message.channel, message.recipient_address) == ("sms", "0912-000-111")


def test_a_survey_that_fails_after_the_commit_is_asked_by_the_periodic_job(
    make, cs, django_capture_on_commit_callbacks, monkeypatch
):
    import workflows.quality.services.surveys as surveys

    complaint = make(S.RESULT_COMMUNICATED)

    def broken(complaint):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(surveys, "survey_after_complaint", broken)
    monkeypatch.setattr("workflows.quality.services.survey_after_complaint", broken)
    with django_capture_on_commit_callbacks(execute=True):
        close(complaint, cs)
    monkeypatch.undo()

    assert fresh(complaint).state == S.CLOSED
    assert not surveys_of(complaint).exists()
    assert survey_closed_complaints() == 1
    assert surveys_of(complaint).count() == 1
