"""A channel's name, hours and description in the visitor's language, where Marketing wrote them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contact.models import ChannelText

from ..factories import ChannelIndexPageFactory, ConsultationChannelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel_page(home_page):
    return ChannelIndexPageFactory(parent=home_page, slug="channels")


@pytest.fixture
def hotline():
    channel = ConsultationChannelFactory(
        name="客服專線",
        service_hours="週一至週五 08:30–18:00",
        description="報價、租期、交付時間，電話中即可答覆。",
    )
    channel.texts.add(
        ChannelText(
            language="en",
            name="Service line",
            service_hours="Mon–Fri 08:30–18:00",
            description="Prices and delivery dates, answered on the phone.",
        ),
        # Only the name in Simplified Chinese: the rest is shown as written.
        ChannelText(language="zh-hans", name="客服专线"),
    )
    channel.save()
    return channel


def card_text(client, html, url, channel):
    return html(client.get(url)).select_one(f"#channel-{channel.pk}").get_text(" ", strip=True)


def test_the_english_page_shows_the_english_text(client, html, channel_page, hotline):
    text = card_text(client, html, "/en/channels/", hotline)

    assert "Service line" in text
    assert "Mon–Fri 08:30–18:00" in text
    assert "Prices and delivery dates, answered on the phone." in text
    assert "客服專線" not in text
    assert "報價" not in text


def test_the_traditional_chinese_page_shows_the_channels_own_text(
    client, html, channel_page, hotline
):
    text = card_text(client, html, "/channels/", hotline)

    assert "客服專線" in text
    assert "Service line" not in text


def test_fields_left_empty_in_a_language_fall_back_to_the_channels_own(
    client, html, channel_page, hotline
):
    text = card_text(client, html, "/zh-hans/channels/", hotline)

    assert "客服专线" in text
    assert "客服專線" not in text
    # Not written in Simplified Chinese: OpenCC's conversion of the channel's own text.
    assert "周一至周五 08:30–18:00" in text
    assert "报价、租期、交付时间，电话中即可答复。" in text


def test_consultations_keep_one_channel_whatever_the_language(hotline):
    hotline.refresh_from_db()
    assert hotline.in_language("en").name == "Service line"
    hotline.refresh_from_db()
    assert hotline.name == "客服專線"  # the stored channel is unchanged


def test_the_texts_are_read_in_one_query_however_many_channels(client, channel_page, hotline):
    client.get("/en/channels/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/channels/")
    for n in range(5):
        extra = ConsultationChannelFactory()
        extra.texts.add(ChannelText(language="en", name=f"Line {n}"))
        extra.save()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/channels/")

    assert len(many) == len(few)
    assert "Line 4" in response.text
