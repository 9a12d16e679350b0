"""Suggestion commands (P9.7, P7.1): each path, each forbidden state, each rule, each message."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.exceptions import (
    RecordChanged,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.models import OutboundMessage, PublicUpdate
from workflows.core.services import perform_transition
from workflows.core.sms import MemorySmsBackend
from workflows.suggestions import services
from workflows.suggestions.choices import RewardState, SuggestionSource
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.exceptions import SuggestionInvalid
from workflows.suggestions.models import (
    Suggestion,
    has_decline_reason,
    has_meeting_ahead,
    has_plan,
    has_progress,
    is_classified,
    is_scored,
)

from .conftest import DEPARTMENT, later

pytestmark = pytest.mark.django_db

ALL_STATES = list(S)


def history(suggestion):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="suggestions", object_id=str(suggestion.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def messages(template):
    return OutboundMessage.objects.filter(template=f"suggestions/{template}")


def receive(**overrides):
    data = {
        "proposer_name": "王小明",
        "subject": "交付前多一次試車",
        "description": "希望交付前能在工地多試車一次。",
        "email": "ming@example.com",
        "phone": "",
        "submission_token": uuid.uuid4(),
        "language": "zh-hant",
    }
    data.update(overrides)
    return services.receive_customer_suggestion(**data)


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


class Case:
    def __init__(self, name, source, target, service, kwargs, failing=None):
        self.name = name
        self.source = source
        self.target = target
        self.service = service
        self.kwargs = kwargs
        self.failing = failing or []

    def __repr__(self):
        return self.name

    def run(self, suggestion, user, **overrides):
        kwargs = {**self.kwargs(), **overrides}
        return getattr(services, self.service)(suggestion, user=user, **kwargs)


CASES = [
    Case(
        "classify",
        S.RECEIVED,
        S.CLASSIFIED,
        "classify_suggestion",
        lambda: {"category": "equipment", "department": DEPARTMENT},
        failing=[({"department": ""}, is_classified), ({"category": ""}, is_classified)],
    ),
    Case("start_evaluation", S.CLASSIFIED, S.UNDER_EVALUATION, "start_evaluation", dict),
    Case(
        "evaluate",
        S.UNDER_EVALUATION,
        S.EVALUATED,
        "evaluate_suggestion",
        lambda: {"feasibility": 5, "novelty": 1, "value": 3, "evaluation_remark": "值得做"},
        failing=[
            ({"feasibility": 0}, is_scored),
            ({"value": 6}, is_scored),
            ({"novelty": None}, is_scored),
            ({"evaluation_remark": "  "}, is_scored),
        ],
    ),
    Case(
        "schedule_discussion",
        S.EVALUATED,
        S.FOR_DISCUSSION,
        "schedule_discussion",
        lambda: {"meeting_at": timezone.now() + timedelta(days=2)},
        failing=[({"meeting_at": timezone.now() - timedelta(minutes=1)}, has_meeting_ahead)],
    ),
    Case(
        "adopt",
        S.EVALUATED,
        S.ADOPTED,
        "adopt_suggestion",
        lambda: {"implementation_plan": "更新交付流程", "target_date": later()},
        failing=[
            ({"implementation_plan": " "}, has_plan),
            ({"target_date": timezone.localdate() - timedelta(days=1)}, has_plan),
        ],
    ),
    Case(
        "decline",
        S.EVALUATED,
        S.DECLINED,
        "decline_suggestion",
        lambda: {"decline_reason": "與現行安全規範衝突"},
        failing=[({"decline_reason": "   "}, has_decline_reason)],
    ),
    Case(
        "start_implementation",
        S.ADOPTED,
        S.IMPLEMENTING,
        "start_implementation",
        lambda: {"progress": "已與售後部討論"},
        failing=[({"progress": ""}, has_progress)],
    ),
    Case(
        "record_progress",
        S.IMPLEMENTING,
        S.IMPLEMENTING,
        "record_progress",
        lambda: {"progress": "新檢查表試行中"},
        failing=[({"progress": " "}, has_progress)],
    ),
    Case(
        "complete_implementation",
        S.IMPLEMENTING,
        S.IMPLEMENTED,
        "complete_implementation",
        lambda: {"progress": "新檢查表已全面使用"},
        failing=[({"progress": ""}, has_progress)],
    ),
]
SOURCES = {
    "classify": [S.RECEIVED],
    "start_evaluation": [S.CLASSIFIED],
    "evaluate": [S.UNDER_EVALUATION],
    "schedule_discussion": [S.EVALUATED],
    "adopt": [S.EVALUATED, S.FOR_DISCUSSION],
    "decline": [S.EVALUATED, S.FOR_DISCUSSION],
    "start_implementation": [S.ADOPTED],
    "record_progress": [S.IMPLEMENTING],
    "complete_implementation": [S.IMPLEMENTING],
}
ALLOWED = [(case, source) for case in CASES for source in SOURCES[case.name]]
FORBIDDEN = [
    (case, source) for case in CASES for source in ALL_STATES if source not in SOURCES[case.name]
]
# Ids by name: a rule function's repr holds its memory address and a date in the overrides
# changes from run to run, and every xdist worker must collect the same ids.
FAILING = [
    pytest.param(case, overrides, rule, id=f"{case.name}-{'-'.join(overrides)}-{rule.__name__}")
    for case in CASES
    for overrides, rule in case.failing
]


def actor(case, staff, owner):
    """Who takes this step in the ordinary course."""
    if case.name == "classify":
        return staff[roles.CUSTOMER_SERVICE]
    if case.name in ("start_implementation", "record_progress", "complete_implementation"):
        return owner
    return staff[DEPARTMENT]


def with_owner(case, owner, **overrides):
    return {"owner": owner, **overrides} if case.name == "adopt" else overrides


@pytest.mark.parametrize(("case", "source"), ALLOWED, ids=str)
class TestEachTransition:
    def test_moves_it_sets_the_next_deadline_and_writes_one_history_entry(
        self, make, staff, owner, case, source
    ):
        suggestion = make(source)
        before = history(suggestion)
        user = actor(case, staff, owner)

        moved = case.run(suggestion, user, **with_owner(case, owner))

        assert moved.state == case.target
        added = history(suggestion)[len(before) :]
        # The transition, then what was published to the proposer, if anything.
        assert added[0] == f"suggestions.{case.name}"
        assert set(added[1:]) <= {"core.publish_update"}
        entry = ModelLogEntry.objects.filter(action=f"suggestions.{case.name}").latest("pk")
        assert entry.user == user
        assert (entry.data["from"], entry.data["to"]) == (source, case.target)
        if case.target in Suggestion.FINAL_STATES:
            assert moved.due_at is None
        else:
            assert moved.due_at is not None and moved.due_at > timezone.now()

    def test_refuses_a_user_who_saw_an_older_state(self, make, staff, owner, case, source):
        suggestion = make(source)
        other = next(s for s in ALL_STATES if s != source)

        with pytest.raises(RecordChanged):
            case.run(
                suggestion,
                actor(case, staff, owner),
                expected_state=other,
                **with_owner(case, owner),
            )
        assert Suggestion.objects.get(pk=suggestion.pk).state == source


@pytest.mark.parametrize(("case", "source"), FORBIDDEN, ids=str)
def test_a_transition_is_refused_from_a_state_it_does_not_start_from(
    make, staff, owner, case, source
):
    suggestion = make(source)
    before = history(suggestion)
    # An administrator may do everything, so only the state stands in the way.
    with pytest.raises(TransitionNotAvailable):
        case.run(suggestion, staff["admin"], **with_owner(case, owner))

    assert Suggestion.objects.get(pk=suggestion.pk).state == source
    assert history(suggestion) == before


@pytest.mark.parametrize(("case", "overrides", "rule"), FAILING)
def test_a_transition_whose_rule_fails_says_why_and_changes_nothing(
    make, staff, owner, case, overrides, rule
):
    suggestion = make(case.source)
    before = history(suggestion)

    with pytest.raises(TransitionNotAvailable) as excinfo:
        case.run(suggestion, actor(case, staff, owner), **with_owner(case, owner, **overrides))

    assert excinfo.value.reason == str(rule.message)
    assert Suggestion.objects.get(pk=suggestion.pk).state == case.source
    assert history(suggestion) == before


class TestWhoMayDoWhat:
    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != "Customer Service"])
    def test_only_customer_service_classifies(self, make, staff, role):
        with pytest.raises(TransitionPermissionDenied):
            services.classify_suggestion(
                make(), user=staff[role], category="service", department=DEPARTMENT
            )

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            (role, role in (DEPARTMENT, "Management", "Supervision"))
            for role in roles.ROLE_PERMISSIONS
        ],
    )
    def test_the_department_it_was_sent_to_evaluates_or_management_and_supervision(
        self, make, staff, role, allowed
    ):
        suggestion = make(S.CLASSIFIED)
        if allowed:
            assert services.start_evaluation(suggestion, user=staff[role]).state == (
                S.UNDER_EVALUATION
            )
        else:
            with pytest.raises(TransitionPermissionDenied):
                services.start_evaluation(suggestion, user=staff[role])

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            (role, role in ("Finance", "Management", "Supervision"))
            for role in roles.ROLE_PERMISSIONS
        ],
    )
    def test_the_owner_records_progress_or_management_and_supervision(
        self, make, staff, role, allowed
    ):
        suggestion = make(S.IMPLEMENTING)  # owned by the Finance user
        if allowed:
            services.record_progress(suggestion, user=staff[role], progress="進行中")
        else:
            with pytest.raises(TransitionPermissionDenied):
                services.record_progress(suggestion, user=staff[role], progress="進行中")


def delivered(callbacks):
    for callback in callbacks:
        callback()


class TestWhatTheDepartmentAndTheOwnerHear:
    def test_classifying_tells_each_member_of_the_department_once(self, make, cs, evaluator, staff):
        suggestion = make()
        services.classify_suggestion(suggestion, user=cs, category="service", department=DEPARTMENT)

        sent = messages("for_evaluation")
        assert [m.recipient_user for m in sent] == [evaluator]
        assert sent.get().channel == MessageChannel.IN_APP

    def test_adopting_tells_the_owner(self, make, evaluator, owner):
        suggestion = make(S.EVALUATED)
        services.adopt_suggestion(
            suggestion,
            user=evaluator,
            implementation_plan="修改表單",
            owner=owner,
            target_date=later(),
        )

        assert [m.recipient_user for m in messages("owner")] == [owner]


class TestWhatTheProposerHears:
    @pytest.mark.parametrize(
        ("state", "step", "template"),
        [
            (S.EVALUATED, "adopt", "adopted"),
            (S.ADOPTED, "start_implementation", "progress"),
            (S.IMPLEMENTING, "record_progress", "progress"),
            (S.IMPLEMENTING, "complete_implementation", "implemented"),
            (S.EVALUATED, "decline", "declined"),
        ],
    )
    def test_a_customer_is_emailed_once_after_commit_and_the_tracking_page_shows_it(
        self, make, staff, owner, django_capture_on_commit_callbacks, state, step, template
    ):
        suggestion = make(state)
        case = next(c for c in CASES if c.name == step)
        mail.outbox.clear()
        updates_before = suggestion.public_updates().count()
        sent_before = messages(template).count()

        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            case.run(suggestion, actor(case, staff, owner), **with_owner(case, owner))
        assert mail.outbox == []
        delivered(callbacks)
        delivered(callbacks)

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [suggestion.proposer_email]
        assert f"/track/{suggestion.tracking_token}/" in mail.outbox[0].body
        assert messages(template).count() == sent_before + 1
        assert messages(template).latest("pk").status == MessageStatus.SENT
        assert suggestion.public_updates().count() == updates_before + 1

    def test_each_progress_update_reaches_the_proposer_once_and_is_published(
        self, make, owner, django_capture_on_commit_callbacks
    ):
        suggestion = make(S.IMPLEMENTING)
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.record_progress(suggestion, user=owner, progress="第一週：表單定稿")
            services.record_progress(suggestion, user=owner, progress="第二週：教育訓練")

        bodies = [m.body for m in mail.outbox]
        assert len(bodies) == 2
        assert "第一週：表單定稿" in bodies[0] and "第二週：教育訓練" in bodies[1]
        texts = list(suggestion.public_updates().values_list("text", flat=True))
        assert texts[-2:] == ["第一週：表單定稿", "第二週：教育訓練"]
        assert history(suggestion).count("suggestions.record_progress") == 2

    def test_an_employee_hears_in_the_admin_and_the_update_is_still_published(
        self, make, staff, owner
    ):
        proposer = staff[roles.LEGAL]
        suggestion = make(S.IMPLEMENTING, employee=True, proposer=proposer)

        services.record_progress(suggestion, user=owner, progress="新流程試行")

        message = messages("progress").latest("pk")
        assert message.channel == MessageChannel.IN_APP
        assert message.recipient_user == proposer
        assert "新流程試行" in message.body
        assert mail.outbox == []
        assert suggestion.public_updates().latest("pk").text == "新流程試行"

    def test_a_customer_who_left_only_a_phone_gets_an_sms_with_the_link(
        self, make, owner, django_capture_on_commit_callbacks
    ):
        suggestion = make(S.IMPLEMENTING, proposer_email="", proposer_phone="0912-111-222")
        MemorySmsBackend.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.record_progress(suggestion, user=owner, progress="進行中")

        assert len(MemorySmsBackend.outbox) == 1
        phone, text = MemorySmsBackend.outbox[0]
        assert phone == "0912-111-222"
        assert suggestion.tracking_token in text

    def test_declining_sends_the_reason_with_thanks(
        self, make, evaluator, django_capture_on_commit_callbacks
    ):
        suggestion = make(S.FOR_DISCUSSION, language="en")
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.decline_suggestion(
                suggestion, user=evaluator, decline_reason="It conflicts with safety rules."
            )

        body = mail.outbox[0].body
        assert "It conflicts with safety rules." in body
        assert "Thank you for your suggestion" in body
        published = suggestion.public_updates().latest("pk")
        assert published.text.startswith("It conflicts with safety rules.")
        assert "Thank you for your suggestion." in published.text

    def test_a_refused_step_sends_and_publishes_nothing(
        self, make, owner, django_capture_on_commit_callbacks
    ):
        suggestion = make(S.IMPLEMENTED)
        mail.outbox.clear()
        updates = PublicUpdate.objects.count()

        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(TransitionNotAvailable),
        ):
            services.record_progress(suggestion, user=owner, progress="再次更新")

        assert mail.outbox == []
        assert PublicUpdate.objects.count() == updates


class TestTheReward:
    """The reward is the suggestion's second state machine: none → due → given (P7.1)."""

    def test_an_implemented_employee_suggestion_is_due_a_reward(self, make, staff, owner):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

        assert suggestion.reward_state == RewardState.DUE
        actions = history(suggestion)
        assert actions[-1] == "suggestions.mark_reward_due"
        assert "suggestions.complete_implementation" in actions
        entry = ModelLogEntry.objects.filter(action="suggestions.mark_reward_due").get()
        assert entry.user == owner
        assert entry.data["field"] == "reward_state"
        assert (entry.data["from"], entry.data["to"]) == (RewardState.NONE, RewardState.DUE)

    def test_a_customer_suggestion_is_not(self, make):
        suggestion = make(S.IMPLEMENTED)

        assert suggestion.reward_state == RewardState.NONE
        assert "suggestions.mark_reward_due" not in history(suggestion)

    @pytest.mark.parametrize("state", [S.ADOPTED, S.IMPLEMENTING, S.DECLINED])
    def test_nor_one_not_implemented(self, make, staff, state):
        suggestion = make(state, employee=True, proposer=staff[roles.SALES])

        assert suggestion.reward_state == RewardState.NONE

    @pytest.mark.parametrize("state", [S.IMPLEMENTING, S.DECLINED])
    def test_marking_it_due_by_hand_is_refused_before_implementation(self, make, staff, state):
        suggestion = make(state, employee=True, proposer=staff[roles.SALES])

        with pytest.raises(TransitionNotAvailable) as refused:
            perform_transition(suggestion, "mark_reward_due", user=staff["admin"])
        assert "implemented" in refused.value.reason
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.NONE

    def test_hr_gives_it_once_it_is_logged_and_the_employee_told(self, make, staff):
        employee = staff[roles.SALES]
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=employee)

        given = services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金 3,000 元")

        assert given.reward_state == RewardState.GIVEN
        assert given.reward_given_by == staff[roles.HR]
        assert given.reward_given_at is not None
        assert given.reward_note == "獎金 3,000 元"
        assert given.state == S.IMPLEMENTED
        assert history(suggestion)[-1] == "suggestions.give_reward"
        entry = ModelLogEntry.objects.filter(action="suggestions.give_reward").get()
        assert entry.data["note"] == "獎金 3,000 元"
        message = messages("reward_given").get()
        assert message.recipient_user == employee
        assert "獎金 3,000 元" in message.body

    def test_it_leaves_the_suggestions_state_and_deadline_alone(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        Suggestion.objects.filter(pk=suggestion.pk).update(
            due_at=timezone.now() + timedelta(days=3), escalated_at=timezone.now()
        )
        before = Suggestion.objects.get(pk=suggestion.pk)

        given = services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金")

        assert given.state == S.IMPLEMENTED
        assert given.due_at == before.due_at
        assert given.escalated_at == before.escalated_at
        assert given.state_changed_at == before.state_changed_at

    def test_an_empty_note_is_refused(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

        with pytest.raises(TransitionNotAvailable) as refused:
            services.give_reward(suggestion, user=staff[roles.HR], reward_note="  ")
        assert refused.value.reason == "Say what the employee received."
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.DUE

    def test_it_cannot_be_given_twice(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金")

        with pytest.raises(TransitionNotAvailable):
            services.give_reward(suggestion, user=staff[roles.HR], reward_note="再一次")
        assert messages("reward_given").count() == 1

    def test_a_stale_reward_state_is_refused_as_changed(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金")

        with pytest.raises(RecordChanged) as changed:
            services.give_reward(
                suggestion,
                user=staff[roles.HR],
                reward_note="再一次",
                expected_state=RewardState.DUE,
            )
        assert changed.value.current_state == RewardState.GIVEN
        assert Suggestion.objects.get(pk=suggestion.pk).reward_note == "獎金"

    def test_a_customer_suggestion_has_none_to_give(self, make, staff):
        suggestion = make(S.IMPLEMENTED)

        with pytest.raises(TransitionNotAvailable):
            services.give_reward(suggestion, user=staff[roles.HR], reward_note="x")
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.NONE

    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR])
    def test_only_hr_gives_it(self, make, staff, role):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

        with pytest.raises(TransitionPermissionDenied):
            services.give_reward(suggestion, user=staff[role], reward_note="x")
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.DUE
