"""More than one state machine on a record: a suggestion's `state` and its `reward_state`.

The primary machine (`state`) keeps the record's deadline; the reward's machine has its
own buttons, confirmation view, History entries and work-queue entries, and leaves the
deadline alone.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.workflows.suggestions.factories import SuggestionFactory
from workflows.core import roles
from workflows.core.exceptions import RecordChanged, TransitionNotAvailable
from workflows.core.services import perform_transition
from workflows.core.transitions import (
    available_transitions,
    state_field,
    state_fields,
    states_actionable_by,
    transition_specs,
)
from workflows.core.viewsets import StateColumn
from workflows.suggestions.choices import RewardState as R
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_suggestions_suggestion"
NOT_HR = [role for role in roles.ROLE_PERMISSIONS if role != roles.HR]


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


def buttons(html):
    soup = BeautifulSoup(html, "html.parser")
    return {tag["data-transition"] for tag in soup.select("[data-transition]")}


def history(suggestion):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="suggestions", object_id=str(suggestion.pk)
        ).order_by("timestamp", "pk")
    )


def given_as(note):
    """What the reward's service sets before HR's transition (a given reward has a date)."""

    def prepare(suggestion):
        suggestion.reward_note = note
        suggestion.reward_given_at = timezone.now()

    return prepare


def fresh(suggestion):
    return Suggestion.objects.get(pk=suggestion.pk)


@pytest.fixture
def due(make, staff):
    """An employee's suggestion, implemented: its reward is due."""
    return make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])


def both_waiting():
    """A record on which both machines can move (not a state the database allows; never
    saved): received, and a reward due."""
    return Suggestion(state=S.RECEIVED, reward_state=R.DUE, source="employee")


class TestReadingTheMachines:
    def test_the_primary_field_is_state_and_comes_first(self):
        assert [f.name for f in state_fields(Suggestion)] == ["state", "reward_state"]
        assert state_field(Suggestion).name == "state"
        assert state_field(Suggestion, "reward_state").name == "reward_state"
        with pytest.raises(LookupError):
            state_field(Suggestion, "reference")

    def test_each_transition_knows_its_field(self):
        specs = transition_specs(Suggestion)

        assert specs["classify"].field == "state"
        assert specs["complete_implementation"].field == "state"
        assert specs["mark_reward_due"].field == "reward_state"
        assert specs["give_reward"].field == "reward_state"
        assert specs["give_reward"].sources == (R.DUE,)
        assert specs["mark_reward_due"].automatic
        assert not specs["give_reward"].automatic

    def test_every_transition_method_alters_data(self):
        for name in transition_specs(Suggestion):
            assert getattr(Suggestion, name).alters_data is True, name

    def test_two_fields_claiming_one_transition_name_are_refused(self, monkeypatch):
        primary, reward = state_fields(Suggestion)
        monkeypatch.setattr(reward, "get_all_transitions", primary.get_all_transitions)

        with pytest.raises(
            ImproperlyConfigured, match="is declared for both 'state' and 'reward_state'"
        ):
            transition_specs.__wrapped__(Suggestion)  # past the cache, which holds the truth


class TestTheButtons:
    def test_each_user_gets_the_transitions_of_each_machine_they_may_start(self, staff):
        record = both_waiting()

        def names(user):
            return {spec.name for spec in available_transitions(record, user)}

        assert names(staff["admin"]) == {"classify", "give_reward"}
        assert names(staff[roles.CUSTOMER_SERVICE]) == {"classify"}
        assert names(staff[roles.HR]) == {"give_reward"}
        assert names(staff[roles.SALES]) == set()

    def test_an_automatic_transition_is_never_a_button(self, make, staff):
        implementing = make(S.IMPLEMENTING, employee=True, proposer=staff[roles.SALES])
        # Marking the reward due starts from "none", the state of this suggestion's reward.
        names = {spec.name for spec in available_transitions(implementing, staff["admin"])}

        assert "mark_reward_due" not in names
        assert {"record_progress", "complete_implementation"} <= names

    def test_the_listing_shows_each_machines_buttons_to_the_right_users(
        self, client, staff, make, due
    ):
        received = make(S.RECEIVED)

        def row_buttons(role):
            client.force_login(staff[role])
            soup = BeautifulSoup(client.get(url("list")).text, "html.parser")
            rows = {}
            for record in (received, due):
                cell = soup.find(string=lambda text, ref=record.reference: ref in text)
                row = cell.find_parent("tr") if cell else None
                rows[record.reference] = buttons(str(row)) if row else None
            return rows

        assert row_buttons("admin") == {
            received.reference: {"classify"},
            due.reference: {"give_reward"},
        }
        assert row_buttons(roles.CUSTOMER_SERVICE) == {
            received.reference: {"classify"},
            due.reference: set(),
        }
        hr = row_buttons(roles.HR)
        assert hr[due.reference] == {"give_reward"}
        assert hr[received.reference] is None  # not HR's to see at all

    def test_the_inspect_header_shows_the_reward_button_to_hr_only(self, client, staff, due):
        client.force_login(staff[roles.HR])
        assert buttons(client.get(url("inspect", due.pk)).text) == {"give_reward"}

        client.force_login(staff[roles.MANAGEMENT])
        assert buttons(client.get(url("inspect", due.pk)).text) == set()

    def test_the_state_column_shows_the_secondary_machine_without_the_deadline(self, due):
        Suggestion.objects.filter(pk=due.pk).update(due_at=timezone.now() - timedelta(days=1))
        record = fresh(due)
        context = {"row": None, "table": None}

        reward = StateColumn("reward_state").get_cell_context_data(record, context)
        state = StateColumn("state").get_cell_context_data(record, context)

        assert (reward["label"], reward["overdue"], reward["due_at"]) == ("Reward due", False, None)
        assert (state["label"], state["overdue"]) == ("Implemented", True)


class TestASecondaryTransition:
    def test_leaves_the_primary_state_and_the_deadline_unchanged(self, staff, due):
        deadline = timezone.now() + timedelta(days=3)
        Suggestion.objects.filter(pk=due.pk).update(due_at=deadline, escalated_at=timezone.now())
        before = fresh(due)

        after = perform_transition(
            due,
            "give_reward",
            user=staff[roles.HR],
            prepare=given_as("獎金"),
        )

        assert after.reward_state == R.GIVEN
        assert after.state == S.IMPLEMENTED
        assert after.due_at == deadline
        assert after.escalated_at == before.escalated_at
        assert after.state_changed_at == before.state_changed_at
        assert fresh(due).due_at == deadline

    def test_sets_the_deadline_only_when_its_service_passes_one(self, staff, due):
        Suggestion.objects.filter(pk=due.pk).update(escalated_at=timezone.now())
        deadline = timezone.now() + timedelta(days=5)

        after = perform_transition(
            due,
            "give_reward",
            user=staff[roles.HR],
            prepare=given_as("獎金"),
            due_at=deadline,
        )

        assert after.due_at == deadline
        assert after.escalated_at is None  # a new deadline may be escalated again
        assert after.state == S.IMPLEMENTED

    def test_a_primary_transition_still_keeps_the_deadline(self, make, staff):
        classified = make(S.CLASSIFIED)

        assert classified.due_at is not None
        assert abs((classified.due_at - classified.state_changed_at) - timedelta(days=3)) < (
            timedelta(seconds=5)
        )

    def test_a_stale_expected_state_of_its_field_is_refused_as_changed(self, staff, due):
        hr = staff[roles.HR]
        perform_transition(due, "give_reward", user=hr, prepare=given_as("獎金"))
        entries = len(history(due))

        with pytest.raises(RecordChanged) as changed:
            perform_transition(
                due,
                "give_reward",
                user=hr,
                expected_state=R.DUE,
                prepare=given_as("再一次"),
            )

        assert (changed.value.seen_state, changed.value.current_state) == (R.DUE, R.GIVEN)
        assert fresh(due).reward_note == "獎金"
        assert len(history(due)) == entries

    def test_expected_state_is_the_state_of_the_transitions_own_field(self, staff, due):
        # The suggestion's state is "implemented"; the reward's is "due".
        with pytest.raises(RecordChanged):
            perform_transition(
                due, "give_reward", user=staff[roles.HR], expected_state=S.IMPLEMENTED
            )
        assert fresh(due).reward_state == R.DUE

    def test_from_a_state_of_its_field_that_it_does_not_leave_is_not_available(self, make, staff):
        customers = make(S.IMPLEMENTED)  # a customer's suggestion: no reward

        with pytest.raises(TransitionNotAvailable):
            perform_transition(customers, "give_reward", user=staff["admin"])
        assert fresh(customers).reward_state == R.NONE


class TestTheHistory:
    def test_each_entry_names_the_states_of_its_own_machine(self, staff, due):
        perform_transition(
            due,
            "give_reward",
            user=staff[roles.HR],
            note="當月獎金",
            prepare=given_as("當月獎金"),
        )
        entries = {entry.action: entry for entry in history(due)}

        reward = entries["suggestions.give_reward"]
        assert reward.data["field"] == "reward_state"
        assert (reward.data["from"], reward.data["to"]) == (R.DUE, R.GIVEN)
        assert reward.message == "Give the reward: Reward due → Reward given"
        assert reward.comment == "當月獎金"
        due_entry = entries["suggestions.mark_reward_due"]
        assert due_entry.message == "Mark the reward due: No reward → Reward due"
        done = entries["suggestions.complete_implementation"]
        assert done.data["field"] == "state"
        assert done.message == "Mark implemented: Implementing → Implemented"

    def test_an_entry_without_a_field_reads_its_transitions_field(self, staff, due):
        entry = history(due)[-1]
        entry.data.pop("field")

        assert entry.message == "Mark the reward due: No reward → Reward due"

    def test_a_reward_logged_before_it_was_a_transition_shows_its_label(self, staff, due):
        entry = ModelLogEntry.objects.create(
            content_type=history(due)[0].content_type,
            object_id=str(due.pk),
            label=str(due),
            action="suggestions.give_reward",
            timestamp=timezone.now(),
            data={"note": "舊的紀錄"},
            user=staff[roles.HR],
        )

        assert entry.message == "Give the reward"
        assert entry.comment == "舊的紀錄"


class TestTheConfirmationView:
    def test_shows_the_state_of_the_transitions_own_machine(self, client, staff, due):
        client.force_login(staff[roles.HR])

        page = client.get(url("transition", due.pk, "give_reward"))

        assert page.status_code == 200
        assert "is now <strong>Reward due</strong>" in page.text
        assert page.context["form"].initial["from_state"] == R.DUE

    def test_a_stale_reward_state_is_told_in_the_rewards_words(self, client, staff, due):
        client.force_login(staff[roles.HR])
        data = {"from_state": R.DUE, "reward_note": "獎金"}
        client.post(url("transition", due.pk, "give_reward"), data)

        response = client.post(url("transition", due.pk, "give_reward"), data, follow=True)

        assert "to “Reward given” while you were looking" in response.text

    @pytest.mark.parametrize("role", NOT_HR)
    def test_the_reward_by_post_is_403_for_everyone_but_hr(self, client, staff, due, role):
        entries = len(history(due))
        client.force_login(staff[role])

        response = client.post(
            url("transition", due.pk, "give_reward"),
            {"from_state": R.DUE, "reward_note": "x"},
        )

        assert response.status_code == 403
        assert fresh(due).reward_state == R.DUE
        assert len(history(due)) == entries

    def test_an_automatic_transition_has_no_page(self, client, staff, make):
        implementing = make(S.IMPLEMENTING, employee=True, proposer=staff[roles.SALES])
        client.force_login(staff["admin"])
        view = url("transition", implementing.pk, "mark_reward_due")

        assert client.get(view).status_code == 404
        assert client.post(view, {"from_state": R.NONE}).status_code == 404
        assert fresh(implementing).reward_state == R.NONE


class TestTheWorkQueue:
    def test_hr_waits_for_the_rewards_due_and_no_other(self, make, staff, due):
        given = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        perform_transition(
            given,
            "give_reward",
            user=staff[roles.HR],
            prepare=given_as("獎金"),
        )
        customers = make(S.IMPLEMENTED)
        received = SuggestionFactory()

        waiting = set(Suggestion.waiting_for(staff[roles.HR]))

        assert due in waiting
        assert not waiting & {given, customers, received}

    def test_the_shared_default_covers_every_machine(self, staff, due):
        hr = staff[roles.HR]

        assert states_actionable_by(Suggestion, hr, "reward_state") == {R.DUE}
        assert states_actionable_by(Suggestion, staff["admin"], "reward_state") == {R.DUE}
        assert S.IMPLEMENTED not in states_actionable_by(Suggestion, staff["admin"])
        # ProcessRecord.waiting_for, which Suggestion refines for its departments.
        assert due in set(super(Suggestion, Suggestion).waiting_for(hr))

    def test_hr_finds_it_on_the_admin_home_page(self, client, staff, due):
        client.force_login(staff[roles.HR])

        home = client.get(reverse("wagtailadmin_home")).text

        assert due.reference in home
