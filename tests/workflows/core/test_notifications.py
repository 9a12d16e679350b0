"""Notifications (DESIGN.md step 7): stored, sent once, only after commit, retried on failure."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tests.factories import ConsultationFactory
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.models import OutboundMessage, ServiceLevelSettings
from workflows.core.notifications import deliver, queue_message
from workflows.core.periodic import run_all
from workflows.core.sms import MemorySmsBackend

pytestmark = pytest.mark.django_db


class FlakySmsBackend(MemorySmsBackend):
    """Fails while `down` is set, like a provider that is unreachable for a while."""

    down = True

    def send(self, phone, text):
        if self.down:
            raise ConnectionError("SMS gateway unreachable")
        super().send(phone, text)


@pytest.fixture
def flaky_sms(settings):
    settings.SMS_BACKEND = f"{__name__}.FlakySmsBackend"
    FlakySmsBackend.down = True
    yield FlakySmsBackend
    FlakySmsBackend.down = True


@pytest.fixture
def consultation(db):
    return ConsultationFactory(email="lin@example.com", phone="0933-111-222")


def queue(consultation, channel=MessageChannel.EMAIL, key="ack", **kwargs):
    defaults = {
        "address": consultation.email if channel == MessageChannel.EMAIL else consultation.phone,
        "name": consultation.customer_name,
    }
    defaults.update(kwargs)
    template = (
        "consultations/acknowledgement_sms"
        if channel == MessageChannel.SMS
        else "consultations/acknowledgement"
    )
    return queue_message(
        channel=channel,
        template=template,
        context={"consultation": consultation},
        record=consultation,
        dedupe_key=f"test:{consultation.pk}:{key}",
        **defaults,
    )


class TestQueueingAMessage:
    def test_the_same_dedupe_key_twice_stores_one_message_and_sends_one_email(
        self, consultation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            first = queue(consultation)
            second = queue(consultation)

        assert first.pk == second.pk
        assert OutboundMessage.objects.count() == 1
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["lin@example.com"]

    def test_it_is_stored_with_recipient_template_and_record(
        self, consultation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            queue(consultation)

        message = OutboundMessage.objects.get()
        assert message.status == MessageStatus.SENT
        assert message.sent_at is not None
        assert message.attempts == 1
        assert message.recipient_address == "lin@example.com"
        assert message.template == "consultations/acknowledgement"
        assert message.record == consultation
        assert message.subject == mail.outbox[0].subject
        assert consultation.reference in message.subject

    def test_nothing_is_sent_before_commit(self, consultation, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            queue(consultation)

        assert mail.outbox == []
        assert OutboundMessage.objects.get().status == MessageStatus.QUEUED
        assert len(callbacks) == 1

    def test_a_rolled_back_transaction_leaves_no_message_and_sends_nothing(
        self, consultation, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            queue(consultation)
            queue(consultation, channel=MessageChannel.SMS, key="sms")
            raise RuntimeError("the transition failed")

        assert not OutboundMessage.objects.exists()
        assert callbacks == []
        assert mail.outbox == []
        assert MemorySmsBackend.outbox == []


class TestDelivery:
    def test_delivering_a_sent_message_again_sends_nothing(
        self, consultation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation)
        assert len(mail.outbox) == 1

        assert deliver(message.pk) is False

        assert len(mail.outbox) == 1
        message.refresh_from_db()
        assert message.attempts == 1

    @pytest.mark.parametrize("channel", [MessageChannel.IN_APP, MessageChannel.RECORDED])
    def test_in_app_and_recorded_messages_are_stored_as_sent_and_never_emailed(
        self, consultation, cs, channel, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            message = queue(consultation, channel=channel, user=cs, address="someone@example.com")

        assert callbacks == []
        assert message.status == MessageStatus.SENT
        assert message.sent_at is not None
        assert deliver(message.pk) is False
        assert mail.outbox == []
        assert MemorySmsBackend.outbox == []

    def test_an_sms_goes_through_the_sms_backend(
        self, consultation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation, channel=MessageChannel.SMS)

        assert MemorySmsBackend.outbox == [("0933-111-222", message.body)]
        assert mail.outbox == []

    def test_an_email_without_address_fails_with_the_reason(
        self, consultation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation, address="")

        message.refresh_from_db()
        assert message.status == MessageStatus.FAILED
        assert "no email address" in message.error
        assert mail.outbox == []


class TestAFailingSmsProvider:
    def test_marks_the_message_failed_with_the_error(
        self, consultation, flaky_sms, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation, channel=MessageChannel.SMS)

        message.refresh_from_db()
        assert message.status == MessageStatus.FAILED
        assert "SMS gateway unreachable" in message.error
        assert message.attempts == 1
        assert message.sent_at is None

    def test_the_periodic_command_retries_it_after_the_delay_and_it_is_sent_once(
        self, consultation, flaky_sms, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation, channel=MessageChannel.SMS)
        flaky_sms.down = False
        delay = timedelta(minutes=ServiceLevelSettings.load().message_retry_minutes)

        call_command("run_periodic_jobs", "--only", "retry_failed_messages")
        message.refresh_from_db()
        assert message.status == MessageStatus.FAILED  # too early: not retried yet
        assert MemorySmsBackend.outbox == []

        later = (timezone.now() + delay + timedelta(minutes=1)).isoformat()
        call_command("run_periodic_jobs", "--now", later)
        call_command("run_periodic_jobs", "--now", later)

        message.refresh_from_db()
        assert message.status == MessageStatus.SENT
        assert message.error == ""
        assert message.attempts == 2
        assert MemorySmsBackend.outbox == [("0933-111-222", message.body)]

    def test_it_gives_up_after_five_attempts(
        self, consultation, flaky_sms, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation, channel=MessageChannel.SMS)
        later = timezone.now() + timedelta(days=1)

        results = [run_all(now=later, only=["retry_failed_messages"]) for _ in range(6)]

        message.refresh_from_db()
        assert message.attempts == 5
        assert message.status == MessageStatus.FAILED
        assert results[-1] == {"retry_failed_messages": {"requeued": 0}}


class TestRetryingWaitsLongerAfterEachFailure:
    def test_the_second_retry_waits_twice_the_delay(
        self, consultation, flaky_sms, django_capture_on_commit_callbacks
    ):
        from tests.workflows.clock import at

        start = timezone.now()
        with at(start), django_capture_on_commit_callbacks(execute=True):
            message = queue(consultation, channel=MessageChannel.SMS)
        message.refresh_from_db()
        assert message.attempts == 1  # the first delivery failed

        # 20 minutes after the failure: past the 15-minute delay, so it is retried.
        with at(start + timedelta(minutes=20)):
            assert run_all(only=["retry_failed_messages"]) == {
                "retry_failed_messages": {"requeued": 1}
            }
        message.refresh_from_db()
        assert message.attempts == 2

        # 20 minutes after that second failure: the delay is now 30 minutes.
        with at(start + timedelta(minutes=40)):
            assert run_all(only=["retry_failed_messages"]) == {
                "retry_failed_messages": {"requeued": 0}
            }
        with at(start + timedelta(minutes=51)):
            assert run_all(only=["retry_failed_messages"]) == {
                "retry_failed_messages": {"requeued": 1}
            }
        message.refresh_from_db()
        assert message.attempts == 3
