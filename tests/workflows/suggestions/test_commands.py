"""Filing a suggestion is a command: a user without `suggestions.add_suggestion` is refused,
by a direct call and in the admin (403), and nothing is stored."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import commands, roles
from workflows.core.models import OutboundMessage
from workflows.suggestions import services
from workflows.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_suggestions_suggestion:add")


@pytest.fixture
def outsider():
    """May open the admin, but not file suggestions."""
    user = UserFactory(username="outsider", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def nothing_stored():
    return (
        not Suggestion.objects.exists()
        and not ModelLogEntry.objects.exists()
        and not OutboundMessage.objects.exists()
    )


class TestFilingASuggestion:
    def test_a_user_without_the_permission_is_refused_by_the_command(self, outsider):
        with pytest.raises(PermissionDenied):
            services.file_employee_suggestion(
                Suggestion(subject="倉庫動線", description="建議把常用配件移到門口"),
                user=outsider,
            )

        assert nothing_stored()

    def test_and_in_the_admin(self, client, outsider):
        client.force_login(outsider)

        assert client.get(ADD_URL).status_code == 403
        response = client.post(
            ADD_URL, {"subject": "倉庫動線", "description": "建議", "category": "workplace"}
        )

        assert response.status_code == 403
        assert nothing_stored()

    def test_an_anonymous_filing_in_the_admin_names_nobody_in_the_history(self, client, staff):
        client.force_login(staff[roles.SALES])

        client.post(
            ADD_URL,
            {
                "subject": "主管溝通",
                "description": "建議每月座談",
                "category": "workplace",
                "anonymous_to_assessors": "on",
            },
        )

        suggestion = Suggestion.objects.get()
        assert suggestion.proposer == staff[roles.SALES]
        entry = ModelLogEntry.objects.get(object_id=str(suggestion.pk))
        assert entry.action == "wagtail.create"
        assert entry.user is None


def test_every_transition_of_a_suggestion_has_its_command():
    for name in (
        "classify",
        "start_evaluation",
        "evaluate",
        "schedule_discussion",
        "adopt",
        "decline",
        "start_implementation",
        "record_progress",
        "complete_implementation",
        "mark_reward_due",
        "give_reward",
    ):
        assert commands.for_transition(Suggestion, name) is not None, name


def test_a_visitors_suggestion_is_public_and_filing_needs_the_permission():
    registry = commands.registry()
    assert registry["suggestions.receive_customer_suggestion"].public
    assert registry["suggestions.file_employee_suggestion"].permission == (
        "suggestions.add_suggestion"
    )
