"""Overdue suggestions are escalated by the shared job, once per deadline (P9.7): to the
contact the settings name, or every active Management member, one digest each."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.escalation import escalate_overdue
from workflows.core.models import OutboundMessage
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion, SuggestionSettings

from .factories import SuggestionFactory

pytestmark = pytest.mark.django_db

DIGEST = "core/escalation"


def run(now=None):
    return escalate_overdue(Suggestion, now or timezone.now())


def digests():
    return OutboundMessage.objects.filter(template=DIGEST)


def escalation_entries():
    return ModelLogEntry.objects.filter(action="core.escalate")


def overdue(hours=1, **fields):
    return SuggestionFactory(due_at=timezone.now() - timedelta(hours=hours), **fields)


class TestEscalatingOverdueSuggestions:
    def test_management_hears_once_of_every_overdue_suggestion(self, staff):
        late = [overdue(), overdue(hours=5)]
        on_time = SuggestionFactory()
        second_manager = UserFactory(username="manager_2", roles=[roles.MANAGEMENT])
        UserFactory(username="manager_left", roles=[roles.MANAGEMENT], is_active=False)

        assert run() == 2

        for suggestion in late:
            suggestion.refresh_from_db()
            assert suggestion.escalated_at is not None
            assert escalation_entries().filter(object_id=str(suggestion.pk)).count() == 1
        on_time.refresh_from_db()
        assert on_time.escalated_at is None
        recipients = sorted(m.recipient_user.username for m in digests())
        assert recipients == sorted([staff[roles.MANAGEMENT].username, second_manager.username])

        # A second run changes nothing.
        assert run() == 0
        assert escalation_entries().count() == 2
        assert digests().count() == 2

    def test_goes_to_the_contact_the_settings_name_alone(self, staff):
        contact = UserFactory(username="quality_lead")
        config = SuggestionSettings.load()
        config.escalate_to = contact
        config.save()
        overdue()

        run()

        assert [m.recipient_user for m in digests()] == [contact]

    def test_an_inactive_contact_is_replaced_by_management(self, staff):
        contact = UserFactory(username="quality_lead", is_active=False)
        config = SuggestionSettings.load()
        config.escalate_to = contact
        config.save()
        overdue()

        run()

        assert [m.recipient_user for m in digests()] == [staff[roles.MANAGEMENT]]

    def test_a_finished_suggestion_is_never_escalated(self, make):
        declined = make(S.DECLINED)
        Suggestion.objects.filter(pk=declined.pk).update(due_at=timezone.now() - timedelta(days=1))

        assert run() == 0
        assert not digests().exists()

    def test_the_next_deadline_can_be_escalated_again(self, cs, staff):
        late = overdue()
        run()

        classified = services.classify_suggestion(
            late, user=cs, category="service", department=roles.SALES
        )
        assert classified.escalated_at is None

        assert run(now=classified.due_at + timedelta(hours=1)) == 1
        assert escalation_entries().filter(object_id=str(late.pk)).count() == 2
