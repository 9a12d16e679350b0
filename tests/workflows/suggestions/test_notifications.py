"""Suggestion commands (P9.7, P7.1): what the department, the owner and the proposer hear."""

import pytest
from django.core import mail

from workflows.core import roles
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.exceptions import (
    TransitionNotAvailable,
)
from workflows.core.models import PublicUpdate
from workflows.core.sms import MemorySmsBackend
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S

from .cases import CASES, actor, with_owner
from .conftest import DEPARTMENT, later
from .helpers import delivered, history, messages

pytestmark = pytest.mark.django_db


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
        assert published.text == "It conflicts with safety rules."  # as typed
        assert published.code == "suggestions.thanks"
        assert "Thank you for your suggestion." in published.message()

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
