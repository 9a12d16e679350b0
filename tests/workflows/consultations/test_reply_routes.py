"""Answering a consultation in the admin (P1.3): which way the reply goes, said on the form
before it is written and to the employee once it is answered."""

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup

from workflows.consultations.choices import ConsultationState as S

from .test_admin import transition_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its messages."""
    settings.LANGUAGE_CODE = "en"


@dataclass(frozen=True)
class Reply:
    """One way a reply goes, as the employee who answers sees it."""

    name: str
    channel: str  # the fixture of the consultation's channel
    email: str
    phone: str
    sent_by: str
    address: str
    before: str  # said on the answer form
    after: str  # said once answered


REPLIES = [
    Reply(
        "email",
        "email_channel",
        "lin@example.com",
        "0912-345-678",
        "email",
        "lin@example.com",
        "This reply will be sent by email to lin@example.com.",
        "Reply sent by email to lin@example.com.",
    ),
    Reply(
        "website_with_email",
        "website_channel",
        "lin@example.com",
        "0912-345-678",
        "email",
        "lin@example.com",
        "This reply will be sent by email to lin@example.com.",
        "Reply sent by email to lin@example.com.",
    ),
    Reply(
        "website_phone_only",
        "website_channel",
        "",
        "0912-345-678",
        "sms",
        "0912-345-678",
        "this reply will be sent by SMS to 0912-345-678.",
        "Reply sent by SMS to 0912-345-678.",
    ),
    Reply(
        "email_channel_phone_only",
        "email_channel",
        "",
        "0912 345 678",
        "sms",
        "0912 345 678",
        "this reply will be sent by SMS to 0912 345 678.",
        "Reply sent by SMS to 0912 345 678.",
    ),
    Reply(
        "website_landline_only",
        "website_channel",
        "",
        "02-2345-6789",
        "recorded",
        "02-2345-6789",
        "02-2345-6789 is not a mobile number, so nothing can be sent",
        "Reply recorded; nothing was sent: 02-2345-6789 is not a mobile number.",
    ),
    Reply(
        "phone",
        "phone_channel",
        "lin@example.com",
        "0912-345-678",
        "recorded",
        "0912-345-678",
        "Write the answer you gave on the phone: it is recorded, nothing is sent.",
        "Reply recorded as given by phone; nothing was sent.",
    ),
    Reply(
        "chat",
        "chat_channel",
        "lin@example.com",
        "",
        "recorded",
        "lin@example.com",
        "Write the answer you gave in the chat: it is recorded, nothing is sent.",
        "Reply recorded as given in the chat; nothing was sent.",
    ),
]


@pytest.mark.parametrize("case", REPLIES, ids=lambda case: case.name)
class TestAnsweringSaysWhichWayTheReplyGoes:
    @pytest.fixture
    def consultation(self, request, make, case):
        channel = request.getfixturevalue(case.channel)
        return make(channel=channel, email=case.email, phone=case.phone)

    def test_the_form_says_it_before_the_reply_is_written(self, client, cs, consultation, case):
        client.force_login(cs)

        response = client.get(transition_url(consultation, "answer"))

        soup = BeautifulSoup(response.content, "html.parser")
        help_text = soup.select_one("#id_reply-helptext").get_text(" ", strip=True)
        assert case.before in help_text

    def test_the_reply_goes_that_way_and_the_employee_is_told(
        self, client, cs, consultation, case, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        from workflows.core.models import OutboundMessage
        from workflows.core.sms import MemorySmsBackend

        client.force_login(cs)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                transition_url(consultation, "answer"),
                {"from_state": S.RECEIVED, "reply": "20 噸挖土機月租 9 萬元", "note": ""},
                follow=True,
            )

        assert response.status_code == 200
        told = [str(message) for message in response.context["messages"]]
        assert len(told) == 1
        assert "Answer done" in told[0]
        assert case.after in told[0]
        assert case.after in response.content.decode()

        message = OutboundMessage.objects.get(dedupe_key=f"consultation:{consultation.pk}:reply")
        assert (message.channel, message.recipient_address) == (case.sent_by, case.address)
        assert message.status == "sent"
        sms = [body for phone, body in MemorySmsBackend.outbox if phone == case.address]
        emails = [m for m in mail.outbox if m.to == [case.address]]
        if case.sent_by == "sms":
            assert message.template == "consultations/reply_sms"
            assert len(sms) == 1
            assert "20 噸挖土機月租 9 萬元" in sms[0]
            assert consultation.reference in sms[0]
            assert emails == []
        elif case.sent_by == "email":
            assert len(emails) == 1
            assert "20 噸挖土機月租 9 萬元" in emails[0].body
            assert sms == []
        else:
            assert (sms, emails) == ([], [])
