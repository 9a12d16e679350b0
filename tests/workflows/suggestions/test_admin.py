"""Suggestions in the admin (P9.7, P7.1): filing, buttons, permissions by POST, History, reward."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.suggestions.choices import RewardState, SuggestionSource
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion

from .conftest import DEPARTMENT, later
from .factories import SuggestionFactory

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_suggestions_suggestion"
ALL_ROLES = list(roles.ROLE_PERMISSIONS)
EVALUATORS = {DEPARTMENT, roles.MANAGEMENT, roles.SUPERVISION}
#: The owner named in `make` is the Finance user.
IMPLEMENTERS = {roles.FINANCE, roles.MANAGEMENT, roles.SUPERVISION}


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


def history(suggestion):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="suggestions", object_id=str(suggestion.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def state_of(suggestion):
    return Suggestion.objects.get(pk=suggestion.pk).state


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def buttons(html):
    soup = BeautifulSoup(html, "html.parser")
    return {tag["data-transition"] for tag in soup.select("[data-transition]")}


class Case:
    def __init__(self, name, source, target, allowed, data=dict):
        self.name = name
        self.source = source
        self.target = target
        self.allowed = allowed
        self.data_fields = data

    def __repr__(self):
        return self.name

    def data(self, suggestion, staff):
        return {"from_state": suggestion.state, "note": "", **self.data_fields(staff)}


CASES = [
    Case(
        "classify",
        S.RECEIVED,
        S.CLASSIFIED,
        {roles.CUSTOMER_SERVICE},
        lambda staff: {"category": "pricing", "department": DEPARTMENT},
    ),
    Case("start_evaluation", S.CLASSIFIED, S.UNDER_EVALUATION, EVALUATORS),
    Case(
        "evaluate",
        S.UNDER_EVALUATION,
        S.EVALUATED,
        EVALUATORS,
        lambda staff: {
            "feasibility": "4",
            "novelty": "2",
            "value": "5",
            "evaluation_remark": "成本低、效益高",
        },
    ),
    Case(
        "schedule_discussion",
        S.EVALUATED,
        S.FOR_DISCUSSION,
        EVALUATORS,
        lambda staff: {
            "meeting_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
        },
    ),
    Case(
        "adopt",
        S.FOR_DISCUSSION,
        S.ADOPTED,
        EVALUATORS,
        lambda staff: {
            "implementation_plan": "修改報價單格式",
            "owner": staff[roles.FINANCE].pk,
            "target_date": later().isoformat(),
        },
    ),
    Case(
        "decline",
        S.EVALUATED,
        S.DECLINED,
        EVALUATORS,
        lambda staff: {"decline_reason": "與現行規定衝突"},
    ),
    Case(
        "start_implementation",
        S.ADOPTED,
        S.IMPLEMENTING,
        IMPLEMENTERS,
        lambda staff: {"progress": "新格式草稿完成"},
    ),
    Case(
        "record_progress",
        S.IMPLEMENTING,
        S.IMPLEMENTING,
        IMPLEMENTERS,
        lambda staff: {"progress": "試行一週"},
    ),
    Case(
        "complete_implementation",
        S.IMPLEMENTING,
        S.IMPLEMENTED,
        IMPLEMENTERS,
        lambda staff: {"progress": "全面使用"},
    ),
]
SOURCES = {
    "classify": {S.RECEIVED},
    "start_evaluation": {S.CLASSIFIED},
    "evaluate": {S.UNDER_EVALUATION},
    "schedule_discussion": {S.EVALUATED},
    "adopt": {S.EVALUATED, S.FOR_DISCUSSION},
    "decline": {S.EVALUATED, S.FOR_DISCUSSION},
    "start_implementation": {S.ADOPTED},
    "record_progress": {S.IMPLEMENTING},
    "complete_implementation": {S.IMPLEMENTING},
}
FORBIDDEN = [(case, state) for case in CASES for state in S if state not in SOURCES[case.name]]


@pytest.mark.parametrize("case", CASES, ids=repr)
class TestEachTransitionInTheAdmin:
    def test_each_permitted_role_sees_the_button_and_moves_it(self, client, staff, make, case):
        for role in sorted(case.allowed):
            suggestion = make(case.source)
            before = history(suggestion)
            client.force_login(staff[role])

            inspect = client.get(url("inspect", suggestion.pk))
            assert case.name in buttons(inspect.text), role
            assert client.get(url("transition", suggestion.pk, case.name)).status_code == 200
            response = client.post(
                url("transition", suggestion.pk, case.name), case.data(suggestion, staff)
            )

            assert response.status_code == 302, role
            assert response["Location"] == url("inspect", suggestion.pk)
            assert state_of(suggestion) == case.target, role
            assert history(suggestion)[len(before)] == f"suggestions.{case.name}"
            assert any("done" in message for message in flashed(response))

    def test_every_other_role_gets_403_and_nothing_changes(self, client, staff, make, case):
        suggestion = make(case.source)
        before = history(suggestion)

        for role in ALL_ROLES:
            if role in case.allowed:
                continue
            client.force_login(staff[role])
            get = client.get(url("transition", suggestion.pk, case.name))
            post = client.post(
                url("transition", suggestion.pk, case.name), case.data(suggestion, staff)
            )

            assert get.status_code == 403, role
            assert post.status_code == 403, role
            assert state_of(suggestion) == case.source, role
            assert history(suggestion) == before, role


@pytest.mark.parametrize(("case", "source"), FORBIDDEN, ids=str)
def test_posting_a_transition_from_a_forbidden_state_shows_an_error_and_changes_nothing(
    client, staff, make, case, source
):
    suggestion = make(source)
    before = history(suggestion)
    client.force_login(staff["admin"])

    response = client.post(
        url("transition", suggestion.pk, case.name), case.data(suggestion, staff)
    )

    assert response.status_code == 200
    assert "is not possible" in response.text
    assert state_of(suggestion) == source
    assert history(suggestion) == before


class TestTheConfirmationForms:
    def test_a_score_outside_one_to_five_is_refused_at_its_field(self, client, staff, make):
        suggestion = make(S.UNDER_EVALUATION)
        client.force_login(staff[DEPARTMENT])

        response = client.post(
            url("transition", suggestion.pk, "evaluate"),
            {
                "from_state": S.UNDER_EVALUATION,
                "feasibility": "6",
                "novelty": "2",
                "value": "3",
                "evaluation_remark": "x",
            },
        )

        assert response.status_code == 200
        assert response.context["form"].has_error("feasibility")
        assert state_of(suggestion) == S.UNDER_EVALUATION

    def test_a_target_date_in_the_past_is_refused_at_its_field(self, client, staff, make):
        suggestion = make(S.EVALUATED)
        client.force_login(staff[DEPARTMENT])

        response = client.post(
            url("transition", suggestion.pk, "adopt"),
            {
                "from_state": S.EVALUATED,
                "implementation_plan": "x",
                "owner": staff[roles.FINANCE].pk,
                "target_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
            },
        )

        assert response.context["form"].has_error("target_date")
        assert state_of(suggestion) == S.EVALUATED


@pytest.mark.parametrize("role", ALL_ROLES)
class TestEveryEmployeeFilesASuggestion:
    def test_from_the_admin_named_as_proposer_and_taken_to_it(self, client, staff, role):
        client.force_login(staff[role])

        assert client.get(url("add")).status_code == 200
        response = client.post(
            url("add"),
            {
                "subject": "倉庫動線",
                "description": "建議把常用配件移到門口",
                "category": "workplace",
            },
        )

        suggestion = Suggestion.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("inspect", suggestion.pk)
        assert suggestion.source == SuggestionSource.EMPLOYEE
        assert suggestion.proposer == staff[role]
        assert suggestion.state == S.RECEIVED
        assert client.get(url("inspect", suggestion.pk)).status_code == 200
        assert suggestion.reference in client.get(url("list")).text


READ_ALL = {roles.CUSTOMER_SERVICE, roles.MANAGEMENT, roles.SUPERVISION}


@pytest.mark.parametrize("role", [r for r in ALL_ROLES if r not in READ_ALL])
class TestAnEmployeeOutsideCustomerServiceManagementAndSupervision:
    def test_sees_their_own_suggestion_but_not_a_colleagues(self, client, staff, role):
        colleague = SuggestionFactory(employee=True, subject="別人的建議")
        own = SuggestionFactory(employee=True, proposer=staff[role], subject="我的建議")
        client.force_login(staff[role])

        listing = client.get(url("list")).text
        assert own.reference in listing
        assert colleague.reference not in listing
        for view in ("inspect", "history"):
            assert client.get(url(view, colleague.pk)).status_code == 404, view
        assert client.get(url("inspect", own.pk)).status_code == 200


class TestWhatEachDepartmentSees:
    def test_the_evaluating_department_sees_what_was_sent_to_it_once_classified(
        self, client, staff, make
    ):
        waiting = make(S.RECEIVED)
        sent = make(S.CLASSIFIED)
        client.force_login(staff[DEPARTMENT])

        listing = client.get(url("list")).text
        assert sent.reference in listing
        assert waiting.reference not in listing

    @pytest.mark.parametrize("role", sorted(READ_ALL))
    def test_customer_service_management_and_supervision_see_all(self, client, staff, make, role):
        suggestions = [make(), make(S.CLASSIFIED), SuggestionFactory(employee=True)]
        client.force_login(staff[role])

        listing = client.get(url("list")).text
        assert all(s.reference in listing for s in suggestions)

    def test_only_customer_service_corrects_the_details_and_only_while_open(
        self, client, staff, make
    ):
        own = SuggestionFactory(employee=True, proposer=staff[roles.SALES])
        client.force_login(staff[roles.SALES])
        assert client.get(url("edit", own.pk)).status_code == 403

        suggestion = make()

        client.force_login(staff[roles.CUSTOMER_SERVICE])
        assert client.get(url("edit", suggestion.pk)).status_code == 200
        finished = make(S.DECLINED)
        response = client.get(url("edit", finished.pk))
        assert response.status_code == 302
        assert response["Location"] == url("inspect", finished.pk)

    def test_a_suggestion_is_never_deleted(self, client, staff, make):
        suggestion = make()
        client.force_login(staff["admin"])

        client.post(url("delete", suggestion.pk))

        assert Suggestion.objects.filter(pk=suggestion.pk).exists()

    def test_an_overdue_suggestion_is_flagged_in_the_listing(self, client, staff):
        overdue = SuggestionFactory(due_at=timezone.now() - timedelta(hours=1))
        client.force_login(staff[roles.CUSTOMER_SERVICE])

        response = client.get(url("list") + "?overdue=true")

        assert overdue.reference in response.text
        assert "overdue" in response.text.lower()


class TestTheReward:
    """The reward's own machine goes through the shared buttons, view and History (P7.1)."""

    @pytest.fixture
    def due(self, make, staff):
        return make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

    def reward_data(self, note="當月獎金 2,000 元", seen=RewardState.DUE):
        return {"from_state": seen, "reward_note": note}

    def test_hr_finds_the_rewards_due_in_the_listing_filter(self, client, staff, make, due):
        not_due = make(S.IMPLEMENTED)
        client.force_login(staff[roles.HR])

        listing = client.get(url("list"), {"reward_state": RewardState.DUE}).text

        assert due.reference in listing
        assert not_due.reference not in listing

    def test_hr_sees_the_button_on_the_listing_row_and_the_inspect_page(self, client, staff, due):
        client.force_login(staff[roles.HR])

        assert buttons(client.get(url("inspect", due.pk)).text) == {"give_reward"}
        assert "give_reward" in buttons(client.get(url("list")).text)

    def test_hr_gives_it_from_the_button(self, client, staff, due):
        client.force_login(staff[roles.HR])
        form = client.get(url("transition", due.pk, "give_reward"))
        assert form.status_code == 200
        assert "Reward due" in form.text  # the reward's state, not the suggestion's
        assert staff[roles.SALES].get_full_name() in form.text  # to whom it goes

        response = client.post(url("transition", due.pk, "give_reward"), self.reward_data())

        assert response.status_code == 302
        assert response["Location"] == url("inspect", due.pk)
        due.refresh_from_db()
        assert due.reward_state == RewardState.GIVEN
        assert due.reward_note == "當月獎金 2,000 元"
        assert due.state == S.IMPLEMENTED
        assert history(due)[-1] == "suggestions.give_reward"
        assert any("it is now “Reward given”" in message for message in flashed(response))

    def test_the_history_names_the_rewards_states(self, client, staff, due):
        client.force_login(staff[roles.HR])
        client.post(url("transition", due.pk, "give_reward"), self.reward_data())

        page = client.get(url("history", due.pk)).text

        assert "Give the reward: Reward due → Reward given" in page
        assert "Mark the reward due: No reward → Reward due" in page
        assert "Mark implemented: Implementing → Implemented" in page

    def test_an_empty_note_is_refused_at_its_field(self, client, staff, due):
        client.force_login(staff[roles.HR])

        response = client.post(url("transition", due.pk, "give_reward"), self.reward_data(note=" "))

        assert response.status_code == 200
        assert response.context["form"].has_error("reward_note")
        due.refresh_from_db()
        assert due.reward_state == RewardState.DUE

    def test_a_reward_given_meanwhile_is_reported_and_not_given_again(self, client, staff, due):
        client.force_login(staff[roles.HR])
        client.post(url("transition", due.pk, "give_reward"), self.reward_data(note="第一次"))

        response = client.post(
            url("transition", due.pk, "give_reward"), self.reward_data(note="第二次")
        )

        assert response.status_code == 302
        assert any(
            "Someone else moved" in message and "“Reward given”" in message
            for message in flashed(response)
        )
        due.refresh_from_db()
        assert due.reward_note == "第一次"

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.HR])
    def test_every_other_role_gets_403(self, client, staff, due, role):
        before = history(due)
        client.force_login(staff[role])

        assert "give_reward" not in buttons(client.get(url("list")).text)
        assert client.get(url("transition", due.pk, "give_reward")).status_code == 403
        response = client.post(url("transition", due.pk, "give_reward"), self.reward_data())
        assert response.status_code == 403
        due.refresh_from_db()
        assert due.reward_state == RewardState.DUE
        assert history(due) == before

    def test_marking_it_due_is_no_page_of_its_own(self, client, staff, make):
        implementing = make(S.IMPLEMENTING, employee=True, proposer=staff[roles.SALES])
        client.force_login(staff["admin"])

        assert "mark_reward_due" not in buttons(client.get(url("inspect", implementing.pk)).text)
        view = url("transition", implementing.pk, "mark_reward_due")
        assert client.get(view).status_code == 404
        assert client.post(view, {"from_state": RewardState.NONE}).status_code == 404

    def test_the_former_address_of_the_reward_form_leads_to_the_transition(
        self, client, staff, due
    ):
        client.force_login(staff[roles.HR])

        response = client.get(url("give_reward", due.pk), {"next": "/admin/"})

        assert response.status_code == 301
        assert (
            response["Location"] == url("transition", due.pk, "give_reward") + "?next=%2Fadmin%2F"
        )


class TestTheDeadlineSettings:
    def test_management_edits_them_and_they_set_the_next_deadline(self, client, staff, make):
        client.force_login(staff[roles.MANAGEMENT])
        # The settings page redirects to the settings object's own URL.
        settings_url = client.get(
            reverse("wagtailsettings:edit", args=["suggestions", "suggestionsettings"])
        )["Location"]

        response = client.post(
            settings_url,
            {
                "classify_within_days": "2",
                "start_evaluation_within_days": "9",
                "evaluate_within_days": "10",
                "decide_within_days": "5",
                "decide_after_meeting_days": "2",
                "start_implementation_within_days": "7",
                "escalate_to": "",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == settings_url

        classified = make(S.CLASSIFIED)
        expected = classified.state_changed_at + timedelta(days=9)
        assert abs((classified.due_at - expected).total_seconds()) < 5

    @pytest.mark.parametrize("role", [roles.SALES, roles.CUSTOMER_SERVICE, roles.HR])
    def test_other_roles_cannot(self, client, staff, role):
        from workflows.suggestions.models import SuggestionSettings

        pk = SuggestionSettings.load().pk
        client.force_login(staff[role])
        settings_url = reverse(
            "wagtailsettings:edit", args=["suggestions", "suggestionsettings", pk]
        )

        assert client.get(settings_url).status_code == 403
