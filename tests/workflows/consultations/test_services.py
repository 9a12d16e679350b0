"""Consultation commands (P1.2, P1.3, P2.1): each rule, each forbidden state, each side effect."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from workflows.consultations import services
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.exceptions import ConsultationInvalid
from workflows.consultations.models import Consultation, has_reply
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.exceptions import (
    CommandPermissionDenied,
    RecordChanged,
    TransitionNotAvailable,
)
from workflows.core.models import OutboundMessage
from workflows.core.outcomes import told
from workflows.core.sms import MemorySmsBackend

pytestmark = pytest.mark.django_db


def history(consultation):
    return list(
        ModelLogEntry.objects.filter(object_id=str(consultation.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def receive(channel, **overrides):
    data = {
        "channel": channel,
        "customer_name": "王小明",
        "subject": "發電機租賃",
        "question": "需要 100kVA 發電機兩週",
        "email": "ming@example.com",
        "phone": "",
        "submission_token": uuid.uuid4(),
        "language": "zh-hant",
    }
    data.update(overrides)
    return services.receive_consultation(**data)


class TestReceivingAWebsiteMessage:
    def test_is_stored_as_received_with_a_reference_and_the_channels_deadline(
        self, email_channel, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            consultation = receive(email_channel)
        consultation.refresh_from_db()
        assert consultation.state == S.RECEIVED
        month = timezone.localtime(consultation.received_at).strftime("%y%m")
        assert consultation.reference == f"C{month}-000001"
        expected = consultation.received_at + timedelta(hours=8)
        assert abs((consultation.due_at - expected).total_seconds()) < 5
        assert history(consultation) == ["wagtail.create"]
        assert ModelLogEntry.objects.get(object_id=str(consultation.pk)).user is None

    def test_numbers_follow_each_other_in_the_series_of_the_year(self, email_channel):
        first = receive(email_channel)
        second = receive(email_channel)
        month = timezone.localtime(first.received_at).strftime("%y%m")
        assert [first.reference, second.reference] == [f"C{month}-000001", f"C{month}-000002"]

    def test_is_written_once_with_its_reference_and_never_updated(self, email_channel):
        table = Consultation._meta.db_table
        with CaptureQueriesContext(connection) as queries:
            consultation = receive(email_channel)
        writes = [
            q["sql"].split()[0]
            for q in queries.captured_queries
            if f'"{table}"' in q["sql"] and q["sql"].split()[0] in ("INSERT", "UPDATE")
        ]
        assert writes == ["INSERT"]
        assert Consultation.objects.get(pk=consultation.pk).reference == consultation.reference

    def test_a_staff_user_cannot_use_the_visitors_command(self, email_channel, cs):
        with pytest.raises(CommandPermissionDenied):
            services.receive_consultation(
                user=cs,
                channel=email_channel,
                customer_name="王小明",
                subject="發電機租賃",
                question="需要 100kVA 發電機兩週",
                email="ming@example.com",
            )
        assert not Consultation.objects.exists()

    def test_acknowledges_by_email_once_and_only_after_commit(
        self, email_channel, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            consultation = receive(email_channel)
            assert mail.outbox == []
        assert len(callbacks) == 1
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        assert consultation.reference in mail.outbox[0].subject
        assert mail.outbox[0].to == ["ming@example.com"]
        message = OutboundMessage.objects.get(object_id=str(consultation.pk))
        assert message.status == MessageStatus.SENT
        # Delivering the same message again sends nothing.
        callbacks[0]()
        assert len(mail.outbox) == 1

    def test_acknowledges_by_sms_when_only_a_phone_is_given(
        self, email_channel, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            consultation = receive(email_channel, email="", phone="0912-000-111")
        assert MemorySmsBackend.outbox == [("0912-000-111", MemorySmsBackend.outbox[0][1])]
        assert consultation.reference in MemorySmsBackend.outbox[0][1]

    def test_the_same_submission_twice_makes_one_record_and_one_acknowledgement(
        self, email_channel, django_capture_on_commit_callbacks
    ):
        token = uuid.uuid4()
        with django_capture_on_commit_callbacks(execute=True):
            first = receive(email_channel, submission_token=token)
            second = receive(email_channel, submission_token=token)
        assert first.pk == second.pk
        assert Consultation.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_without_phone_or_email_is_refused_and_nothing_is_stored(self, email_channel):
        with pytest.raises(ConsultationInvalid):
            receive(email_channel, email="", phone="  ")
        assert Consultation.objects.count() == 0
        assert OutboundMessage.objects.count() == 0


class TestRecordingInTheAdmin:
    def test_customer_service_becomes_the_handler_and_the_channel_sets_the_deadline(
        self, cs, phone_channel
    ):
        consultation = Consultation(
            channel=phone_channel,
            customer_name="李四",
            phone="02-1234-5678",
            subject="高空作業車",
            question="有沒有 12 米的？",
        )
        services.record_consultation(consultation, user=cs)
        consultation.refresh_from_db()
        assert consultation.handler == cs
        assert consultation.reference.startswith("C")
        assert consultation.due_at == consultation.received_at + timedelta(hours=4)
        assert history(consultation) == ["wagtail.create"]
        assert ModelLogEntry.objects.get(object_id=str(consultation.pk)).user == cs

    @pytest.mark.parametrize("role", ["Sales", "Marketing", "Legal", "Management", "Supervision"])
    def test_is_refused_to_other_roles_and_nothing_is_stored(self, staff, phone_channel, role):
        consultation = Consultation(
            channel=phone_channel,
            customer_name="李四",
            phone="02-1234-5678",
            subject="高空作業車",
            question="有沒有 12 米的？",
        )
        with pytest.raises(CommandPermissionDenied):
            services.record_consultation(consultation, user=staff[role])
        assert not Consultation.objects.exists()
        assert not ModelLogEntry.objects.filter(content_type__app_label="consultations").exists()


class TestAnswering:
    @pytest.mark.parametrize("start", [S.RECEIVED, S.REPLY_PROMISED])
    def test_is_allowed_from_received_and_promised(self, make, cs, start):
        consultation = make(start)
        done = services.answer_consultation(consultation, user=cs, reply="月租 9 萬元")
        assert done.state == S.ANSWERED
        assert done.reply == "月租 9 萬元"
        assert done.answered_at is not None
        assert done.due_at is None

    @pytest.mark.parametrize("start", [S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED])
    def test_is_refused_from(self, make, cs, start):
        consultation = make(start)
        with pytest.raises(TransitionNotAvailable):
            services.answer_consultation(consultation, user=cs, reply="再次回覆")
        consultation.refresh_from_db()
        assert consultation.state == start

    def test_needs_a_written_reply(self, make, cs):
        consultation = make()
        with pytest.raises(TransitionNotAvailable) as excinfo:
            services.answer_consultation(consultation, user=cs, reply="   ")
        assert excinfo.value.reason == str(has_reply.message)
        consultation.refresh_from_db()
        assert consultation.state == S.RECEIVED

    @pytest.mark.parametrize("role", ["Sales", "Marketing", "Legal", "Management"])
    def test_is_refused_to_other_roles(self, make, staff, role):
        consultation = make()
        with pytest.raises(CommandPermissionDenied):
            services.answer_consultation(consultation, user=staff[role], reply="x")
        consultation.refresh_from_db()
        assert consultation.state == S.RECEIVED

    def test_writes_one_history_entry_with_states_and_note(self, make, cs):
        consultation = make()
        services.answer_consultation(consultation, user=cs, reply="月租 9 萬元")
        entry = ModelLogEntry.objects.get(
            object_id=str(consultation.pk), action="consultations.answer"
        )
        assert entry.user == cs
        assert entry.data["from"] == S.RECEIVED
        assert entry.data["to"] == S.ANSWERED
        assert entry.data["note"] == "月租 9 萬元"
        assert "→" in entry.message

    def test_emails_the_reply_after_commit_when_the_customer_wrote_by_email(
        self, make, cs, email_channel, django_capture_on_commit_callbacks
    ):
        consultation = make(channel=email_channel)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.answer_consultation(consultation, user=cs, reply="月租 9 萬元")
        assert mail.outbox == []
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        assert "月租 9 萬元" in mail.outbox[0].body
        assert mail.outbox[0].to == [consultation.email]

    def test_records_the_reply_given_by_phone(
        self, make, cs, phone_channel, django_capture_on_commit_callbacks
    ):
        consultation = make(channel=phone_channel)
        with django_capture_on_commit_callbacks(execute=True):
            services.answer_consultation(consultation, user=cs, reply="電話中已報價")
        assert mail.outbox == []
        message = OutboundMessage.objects.get(template="consultations/reply")
        assert message.channel == MessageChannel.RECORDED
        assert message.status == MessageStatus.SENT

    def test_texts_the_reply_after_commit_when_a_website_customer_left_only_a_mobile(
        self, make, cs, website_channel, django_capture_on_commit_callbacks
    ):
        consultation = make(channel=website_channel, email="", phone="0912-345-678")
        with (
            django_capture_on_commit_callbacks(execute=False) as callbacks,
            translation.override("en"),
        ):
            done = services.answer_consultation(consultation, user=cs, reply="月租 9 萬元")
        assert MemorySmsBackend.outbox == []
        for callback in callbacks:
            callback()
        assert [phone for phone, _text in MemorySmsBackend.outbox] == ["0912-345-678"]
        assert "月租 9 萬元" in MemorySmsBackend.outbox[0][1]
        assert mail.outbox == []
        assert told(done) == ["Reply sent by SMS to 0912-345-678."]

    def test_tells_the_employee_that_a_reply_given_by_phone_was_not_sent(
        self, make, cs, phone_channel
    ):
        consultation = make(channel=phone_channel)
        with translation.override("en"):
            done = services.answer_consultation(consultation, user=cs, reply="已報價")
        assert told(done) == ["Reply recorded as given by phone; nothing was sent."]

    def test_refuses_when_someone_else_moved_it_first(self, make, cs):
        consultation = make()
        services.answer_consultation(consultation, user=cs, reply="第一位同事的回覆")
        with pytest.raises(RecordChanged):
            services.answer_consultation(
                consultation, user=cs, reply="第二位", expected_state=S.RECEIVED
            )
        consultation.refresh_from_db()
        assert consultation.reply == "第一位同事的回覆"
        assert history(consultation).count("consultations.answer") == 1

    def test_a_failing_transition_sends_nothing(self, make, cs, django_capture_on_commit_callbacks):
        consultation = make(S.CLOSED)
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(TransitionNotAvailable),
        ):
            services.answer_consultation(consultation, user=cs, reply="x")
        assert OutboundMessage.objects.filter(template="consultations/reply").count() == 1


class TestPromisingAReply:
    def test_sets_the_promise_as_the_deadline(self, make, cs):
        consultation = make()
        due = timezone.now() + timedelta(hours=6)
        promised = services.promise_reply(consultation, user=cs, reply_due_at=due)
        assert promised.state == S.REPLY_PROMISED
        assert promised.reply_due_at == due
        assert promised.due_at == due

    def test_refuses_a_deadline_in_the_past(self, make, cs):
        consultation = make()
        with pytest.raises(TransitionNotAvailable):
            services.promise_reply(
                consultation, user=cs, reply_due_at=timezone.now() - timedelta(minutes=1)
            )

    @pytest.mark.parametrize("start", [S.REPLY_PROMISED, S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED])
    def test_is_refused_from(self, make, cs, start):
        consultation = make(start)
        with pytest.raises(TransitionNotAvailable):
            services.promise_reply(
                consultation, user=cs, reply_due_at=timezone.now() + timedelta(hours=1)
            )

    def test_is_refused_to_sales(self, make, sales):
        with pytest.raises(CommandPermissionDenied):
            services.promise_reply(
                make(), user=sales, reply_due_at=timezone.now() + timedelta(hours=1)
            )


class TestHandingToSales:
    @pytest.mark.parametrize("start", [S.RECEIVED, S.REPLY_PROMISED])
    def test_names_the_salesperson_and_sets_the_contact_deadline(self, make, cs, sales, start):
        consultation = make(start)
        handed = services.hand_to_sales(
            consultation, user=cs, salesperson=sales, sales_need="挖土機 3 個月，台中工地"
        )
        assert handed.state == S.HANDED_TO_SALES
        assert handed.salesperson == sales
        assert handed.due_at > timezone.now() + timedelta(hours=23)

    @pytest.mark.parametrize("start", [S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED])
    def test_is_refused_from(self, make, cs, sales, start):
        with pytest.raises(TransitionNotAvailable):
            services.hand_to_sales(make(start), user=cs, salesperson=sales, sales_need="x")

    def test_needs_what_the_customer_needs(self, make, cs, sales):
        with pytest.raises(TransitionNotAvailable):
            services.hand_to_sales(make(), user=cs, salesperson=sales, sales_need=" ")

    def test_tells_the_salesperson_in_the_admin_and_by_email_once(
        self, make, cs, sales, django_capture_on_commit_callbacks
    ):
        consultation = make()
        with django_capture_on_commit_callbacks(execute=True):
            services.hand_to_sales(consultation, user=cs, salesperson=sales, sales_need="需求")
        messages = OutboundMessage.objects.filter(recipient_user=sales)
        assert sorted(messages.values_list("channel", flat=True)) == ["email", "in_app"]
        assert [m.to for m in mail.outbox] == [[sales.email]]

    def test_is_refused_to_sales_themselves(self, make, sales):
        with pytest.raises(CommandPermissionDenied):
            services.hand_to_sales(make(), user=sales, salesperson=sales, sales_need="x")


class TestClosing:
    def test_customer_service_closes_an_answered_consultation(self, make, cs):
        closed = services.close_consultation(make(S.ANSWERED), user=cs)
        assert closed.state == S.CLOSED
        assert closed.closed_at is not None

    @pytest.mark.parametrize("start", [S.RECEIVED, S.REPLY_PROMISED, S.HANDED_TO_SALES, S.CLOSED])
    def test_is_refused_from(self, make, cs, start):
        with pytest.raises(TransitionNotAvailable):
            services.close_consultation(make(start), user=cs)

    def test_is_refused_to_sales(self, make, sales):
        with pytest.raises(CommandPermissionDenied):
            services.close_consultation(make(S.ANSWERED), user=sales)


class TestSalesTakingOver:
    def test_closes_the_handed_over_consultation(self, make, sales):
        closed = services.take_over_consultation(make(S.HANDED_TO_SALES), user=sales, note="已聯絡")
        assert closed.state == S.CLOSED

    @pytest.mark.parametrize("start", [S.RECEIVED, S.REPLY_PROMISED, S.ANSWERED, S.CLOSED])
    def test_is_refused_from(self, make, sales, start):
        with pytest.raises(TransitionNotAvailable):
            services.take_over_consultation(make(start), user=sales)

    def test_is_refused_to_customer_service(self, make, cs):
        with pytest.raises(CommandPermissionDenied):
            services.take_over_consultation(make(S.HANDED_TO_SALES), user=cs)


class TestTheStateField:
    def test_cannot_be_assigned_directly(self, make):
        consultation = make()
        with pytest.raises(AttributeError):
            consultation.state = S.CLOSED

    def test_does_not_break_model_validation(self, make):
        make().full_clean()
