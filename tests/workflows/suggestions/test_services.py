"""Suggestion commands (P9.7, P7.1): receiving a customer's suggestion, an employee filing one."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.models import OutboundMessage
from workflows.core.sms import MemorySmsBackend
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionSource
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.exceptions import SuggestionInvalid
from workflows.suggestions.models import (
    Suggestion,
)

from .helpers import history, receive

pytestmark = pytest.mark.django_db


class TestReceivingACustomersSuggestion:
    def test_is_stored_as_received_with_a_reference_and_the_classification_deadline(self):
        suggestion = receive()
        suggestion.refresh_from_db()

        assert suggestion.state == S.RECEIVED
        assert suggestion.source == SuggestionSource.CUSTOMER
        # The first of its series this year, whatever the primary key.
        assert suggestion.reference == f"S{timezone.localtime(suggestion.received_at):%y%m}-000001"
        assert suggestion.due_at == suggestion.received_at + timedelta(days=2)
        assert history(suggestion) == ["wagtail.create"]

    def test_acknowledges_by_email_with_the_private_tracking_link_once_after_commit(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            suggestion = receive()
        assert mail.outbox == []

        for callback in callbacks:
            callback()
        for callback in callbacks:
            callback()

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["ming@example.com"]
        assert suggestion.reference in mail.outbox[0].subject
        assert f"/track/{suggestion.tracking_token}/" in mail.outbox[0].body

    def test_acknowledges_by_sms_when_only_a_phone_is_given(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            suggestion = receive(email="", phone="0912-000-111")

        assert [phone for phone, _text in MemorySmsBackend.outbox] == ["0912-000-111"]
        assert suggestion.tracking_token in MemorySmsBackend.outbox[0][1]

    def test_the_same_submission_twice_makes_one_suggestion_and_one_acknowledgement(
        self, django_capture_on_commit_callbacks
    ):
        token = uuid.uuid4()
        with django_capture_on_commit_callbacks(execute=True):
            first = receive(submission_token=token)
            second = receive(submission_token=token)

        assert first.pk == second.pk
        assert Suggestion.objects.count() == 1
        assert len(mail.outbox) == 1

    @pytest.mark.parametrize(
        "overrides", [{"email": "", "phone": " "}, {"proposer_name": "  "}], ids=["contact", "name"]
    )
    def test_without_a_name_or_a_way_to_reply_is_refused_and_nothing_is_stored(self, overrides):
        with pytest.raises(SuggestionInvalid):
            receive(**overrides)

        assert not Suggestion.objects.exists()
        assert not OutboundMessage.objects.exists()

    def test_customer_service_taking_it_down_is_named_in_the_history(self, cs):
        suggestion = receive(recorded_by=cs)

        assert ModelLogEntry.objects.get(object_id=str(suggestion.pk)).user == cs


class TestAnEmployeeFilingASuggestion:
    def test_is_their_suggestion_in_their_language_numbered_and_due_for_classification(self, staff):
        employee = staff[roles.SALES]
        suggestion = services.file_employee_suggestion(
            Suggestion(subject="共用車輛排程", description="建議用共享行事曆"), user=employee
        )
        suggestion.refresh_from_db()

        assert suggestion.source == SuggestionSource.EMPLOYEE
        assert suggestion.proposer == employee
        assert suggestion.reference.startswith("S")
        assert suggestion.due_at == suggestion.received_at + timedelta(days=2)
        entry = ModelLogEntry.objects.get(object_id=str(suggestion.pk))
        assert entry.user == employee

    def test_an_anonymous_one_is_filed_without_naming_them_in_the_history(self, staff):
        suggestion = services.file_employee_suggestion(
            Suggestion(subject="主管溝通", description="建議每月座談", anonymous_to_assessors=True),
            user=staff[roles.SALES],
        )

        entry = ModelLogEntry.objects.get(object_id=str(suggestion.pk))
        assert entry.action == "wagtail.create"
        assert entry.user is None
