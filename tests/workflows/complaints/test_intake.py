"""Receiving a complaint (P9.1, P9.2): numbered, dated, acknowledged, urgent ones raised at once."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from workflows.complaints import services
from workflows.complaints.choices import ComplaintCategory, ComplaintChannel
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.exceptions import ComplaintInvalid
from workflows.complaints.models import Complaint, ComplaintAttachment, ComplaintSettings
from workflows.core import roles
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.models import OutboundMessage
from workflows.core.sms import MemorySmsBackend

from .factories import ComplaintFactory, image_file, pdf_file
from .helpers import history, sent

pytestmark = pytest.mark.django_db


def receive(**overrides):
    data = {
        "complainant_name": "王小明",
        "company": "大安營造",
        "email": "ming@example.com",
        "phone": "",
        "category": ComplaintCategory.DELIVERY,
        "description": "約好早上八點送達，十一點才到。",
        "submission_token": uuid.uuid4(),
        "language": "zh-hant",
    }
    data.update(overrides)
    return services.receive_complaint(**data)


class TestReceivingAComplaintFromTheWebsite:
    def test_is_stored_as_received_with_a_reference_and_the_normal_deadline(self):
        complaint = Complaint.objects.get(pk=receive().pk)

        assert complaint.state == S.RECEIVED
        assert complaint.channel == ComplaintChannel.WEBSITE
        month = timezone.localtime(complaint.received_at).strftime("%y%m")
        assert complaint.reference == f"K{month}-000001"
        assert complaint.due_at == complaint.received_at + timedelta(hours=24)
        assert not complaint.urgent
        assert history(complaint) == ["wagtail.create"]

    def test_references_follow_each_other_in_the_series_of_the_year(self, cs):
        first = receive()
        recorded = services.record_complaint(ComplaintFactory.build(reference=""), user=cs)
        second = receive()

        complaints = (first, recorded, second)
        numbers = [re.fullmatch(r"K\d{4}-(\d{6})", c.reference)[1] for c in complaints]
        assert numbers == ["000001", "000002", "000003"]
        assert Complaint.objects.get(pk=second.pk).reference == second.reference

    def test_the_tracking_token_is_long_and_unguessable(self):
        first, second = receive(), receive()

        assert len(first.tracking_token) >= 40
        assert first.tracking_token != second.tracking_token
        assert first.reference not in first.tracking_token

    def test_is_acknowledged_by_email_once_and_only_after_commit(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            complaint = receive()
        assert mail.outbox == []

        for callback in callbacks:
            callback()
        for callback in callbacks:
            callback()

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["ming@example.com"]
        assert complaint.reference in mail.outbox[0].subject
        assert f"/track/{complaint.tracking_token}/" in mail.outbox[0].body
        assert OutboundMessage.objects.get().status == MessageStatus.SENT

    def test_without_an_email_address_it_is_acknowledged_by_text_message(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            complaint = receive(email="", phone="0912-000-111")

        assert sent(complaint, "acknowledgement_sms") == [(MessageChannel.SMS, "0912-000-111")]
        assert len(MemorySmsBackend.outbox) == 1
        assert complaint.tracking_token in MemorySmsBackend.outbox[0][1]

    def test_sending_the_same_form_twice_stores_one_complaint(
        self, django_capture_on_commit_callbacks
    ):
        token = uuid.uuid4()
        with django_capture_on_commit_callbacks(execute=True):
            first = receive(submission_token=token)
            second = receive(submission_token=token)

        assert first.pk == second.pk
        assert Complaint.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_without_a_phone_number_or_email_it_is_refused_and_nothing_is_stored(self):
        with pytest.raises(ComplaintInvalid) as refused:
            receive(email="", phone="")

        assert "phone" in refused.value.message_dict
        assert not Complaint.objects.exists()
        assert not OutboundMessage.objects.exists()

    def test_evidence_is_kept_under_random_names_with_its_original_name(self):
        complaint = receive(evidence=[image_file("../../etc/現場.jpg"), pdf_file("送貨單.pdf")])

        files = list(ComplaintAttachment.objects.filter(complaint=complaint).order_by("pk"))
        assert [(f.original_name, f.kind) for f in files] == [
            ("現場.jpg", "jpeg"),
            ("送貨單.pdf", "pdf"),
        ]
        for attachment in files:
            assert re.fullmatch(
                r"complaints/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|pdf)", attachment.file.name
            )
            assert ComplaintAttachment._meta.get_field("file").storage.exists(attachment.file.name)


class TestAnUrgentComplaint:
    """P9.2: an urgent complaint starts the emergency procedure at once."""

    def test_supervision_and_management_are_told_at_once_in_the_admin_and_by_email(
        self, staff, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            complaint = receive(urgent=True)

        supervisor, manager = staff[roles.SUPERVISION], staff[roles.MANAGEMENT]
        assert sorted(sent(complaint, "urgent")) == sorted(
            [
                (MessageChannel.IN_APP, supervisor.username),
                (MessageChannel.EMAIL, supervisor.username),
                (MessageChannel.IN_APP, manager.username),
                (MessageChannel.EMAIL, manager.username),
            ]
        )
        urgent_mail = [m for m in mail.outbox if "URGENT" in m.subject]
        assert sorted(m.to[0] for m in urgent_mail) == sorted([supervisor.email, manager.email])
        assert complaint.reference in urgent_mail[0].subject
        assert len(callbacks) == 3  # the acknowledgement and the two urgent emails

    def test_the_in_app_message_links_to_the_complaint(self, staff):
        complaint = receive(urgent=True)

        message = OutboundMessage.objects.get(
            template="complaints/urgent",
            channel=MessageChannel.IN_APP,
            recipient_user=staff[roles.SUPERVISION],
        )
        assert message.link == f"/admin/snippets/complaints/complaint/inspect/{complaint.pk}/"

    def test_gets_the_short_deadline(self):
        complaint = receive(urgent=True)

        assert complaint.due_at == complaint.received_at + timedelta(hours=2)
        assert complaint.urgent_since is not None

    def test_the_deadlines_are_the_ones_set_in_the_admin(self):
        settings = ComplaintSettings.load()
        settings.received_hours, settings.received_urgent_hours = 10, 1
        settings.save()

        normal, urgent = receive(), receive(urgent=True)

        assert normal.due_at - normal.received_at == timedelta(hours=10)
        assert urgent.due_at - urgent.received_at == timedelta(hours=1)

    def test_a_complaint_that_is_not_urgent_alerts_nobody(self, staff):
        complaint = receive()

        assert sent(complaint, "urgent") == []


class TestRecordingAComplaintReceivedByPhone:
    def test_is_numbered_attributed_and_acknowledged_by_text_message(self, cs):
        complaint = ComplaintFactory.build(
            reference="", channel=ComplaintChannel.HOTLINE, email="", phone="0933-222-111"
        )

        complaint = services.record_complaint(complaint, user=cs, evidence=[image_file()])

        complaint.refresh_from_db()
        assert complaint.reference.startswith("K")
        assert complaint.recorded_by == cs
        assert complaint.attachments.count() == 1
        assert sent(complaint, "acknowledgement_sms") == [(MessageChannel.SMS, "0933-222-111")]
        assert history(complaint) == ["wagtail.create"]

    def test_an_urgent_one_alerts_supervision_and_management(self, cs, staff):
        complaint = ComplaintFactory.build(reference="", urgent=True)

        complaint = services.record_complaint(complaint, user=cs)

        told = {username for _channel, username in sent(complaint, "urgent")}
        assert told == {staff[roles.SUPERVISION].username, staff[roles.MANAGEMENT].username}
