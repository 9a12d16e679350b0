"""Overdue suggestions are escalated by the periodic job, once per deadline (P9.7)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.models import OutboundMessage
from workflows.core.periodic import run_all
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion, SuggestionSettings

from .factories import SuggestionFactory

pytestmark = pytest.mark.django_db

JOB = "escalate_overdue_suggestions"


def run(now=None):
    return run_all(now=now, only=[JOB])[JOB]


def escalations():
    return OutboundMessage.objects.filter(template="suggestions/escalation")


def overdue(hours=1, **fields):
    return SuggestionFactory(due_at=timezone.now() - timedelta(hours=hours), **fields)


class TestEscalatingOverdueSuggestions:
    def test_each_overdue_suggestion_is_escalated_to_management_once(self, staff):
        late = overdue()
        SuggestionFactory()  # not yet due

        assert run() == {"escalated": 1}
        assert run() == {"escalated": 0}

        late.refresh_from_db()
        assert late.escalated_at is not None
        assert [m.recipient_user for m in escalations()] == [staff[roles.MANAGEMENT]]
        assert (
            ModelLogEntry.objects.filter(object_id=str(late.pk), action="core.escalate").count()
            == 1
        )

    def test_goes_to_the_contact_the_settings_name(self, staff):
        contact = UserFactory(username="quality_lead")
        config = SuggestionSettings.load()
        config.escalate_to = contact
        config.save()
        overdue()

        run()

        assert [m.recipient_user for m in escalations()] == [contact]

    def test_a_finished_suggestion_is_never_escalated(self, make):
        declined = make(S.DECLINED)
        Suggestion.objects.filter(pk=declined.pk).update(due_at=timezone.now() - timedelta(days=1))

        assert run() == {"escalated": 0}

    def test_the_next_deadline_can_be_escalated_again(self, make, cs, staff):
        late = overdue()
        run()
        from workflows.suggestions import services

        classified = services.classify_suggestion(
            late, user=cs, category="service", department=roles.SALES
        )
        assert classified.escalated_at is None
        later = classified.due_at + timedelta(hours=1)

        assert run(now=later) == {"escalated": 1}
        assert escalations().count() == 2

    def test_finds_and_marks_them_in_a_constant_number_of_queries(self, staff):
        def suggestion_queries(captured):
            return [q for q in captured if '"suggestions_suggestion"' in q["sql"]]

        overdue()
        with CaptureQueriesContext(connection) as one:
            run()
        for _ in range(20):
            overdue()
        with CaptureQueriesContext(connection) as many:
            assert run() == {"escalated": 20}

        assert len(suggestion_queries(many)) == len(suggestion_queries(one))
