import pytest

from contact.models import ChannelKind
from tests.factories import ConsultationFactory
from tests.site.factories import ConsultationChannelFactory
from workflows.consultations import services
from workflows.consultations.choices import ConsultationState as S


@pytest.fixture
def email_channel(db):
    return ConsultationChannelFactory(email=True, reply_within_hours=8)


@pytest.fixture
def phone_channel(db):
    return ConsultationChannelFactory(reply_within_hours=4)


@pytest.fixture
def website_channel(db):
    return ConsultationChannelFactory(kind=ChannelKind.WEBSITE, name="網站留言")


@pytest.fixture
def chat_channel(db):
    return ConsultationChannelFactory(kind=ChannelKind.CHAT, name="線上客服")


@pytest.fixture
def make(cs, sales):
    """A consultation brought to `state` through the services, as staff would."""

    def build(state=S.RECEIVED, **fields):
        consultation = ConsultationFactory(**fields)
        if state == S.RECEIVED:
            return consultation
        if state in (S.ANSWERED, S.CLOSED):
            consultation = services.answer_consultation(consultation, user=cs, reply="月租 9 萬")
            if state == S.CLOSED:
                consultation = services.close_consultation(consultation, user=cs)
            return consultation
        if state == S.REPLY_PROMISED:
            from django.utils import timezone

            return services.promise_reply(
                consultation, user=cs, reply_due_at=timezone.now() + timezone.timedelta(hours=4)
            )
        if state == S.HANDED_TO_SALES:
            return services.hand_to_sales(
                consultation, user=cs, salesperson=sales, sales_need="20 噸挖土機 3 個月"
            )
        raise ValueError(state)

    return build
