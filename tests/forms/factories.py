"""Factories for the public intake pages and what visitors send through them."""

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from forms.models import ConsultationFormPage
from tests.site.factories import PageFactory


class ConsultationFormPageFactory(PageFactory):
    class Meta:
        model = ConsultationFormPage

    title = "線上留言"
    slug = "message"
    intro = "<p>請留下您的問題，我們會盡快回覆。</p>"
    thank_you_text = "<p>感謝您的留言。</p>"


class ConsultationMessageFactory(factory.DictFactory):
    """The POST data of a filled-in "leave a message" form, as a browser sends it."""

    customer_name = "王小明"
    company = "大安營造"
    phone = "0912-345-678"
    email = "wang@example.com"
    subject = "挖土機租賃詢價"
    question = "請問 20 噸挖土機月租多少？"
    website = ""  # the honeypot, left empty by people
    submission_token = factory.LazyFunction(lambda: str(uuid.uuid4()))


def day(offset):
    """The date `offset` days from today, in the site's time zone."""
    return timezone.localdate() + timedelta(days=offset)


class QuoteRequestFactory(factory.DictFactory):
    """The POST data of a filled-in "request a quote" form, as a browser sends it."""

    customer_name = "周杰"
    company = "周氏營造"
    phone = "0912-345-678"
    email = "jay@example.com"
    quantity = "2"
    start = factory.LazyFunction(lambda: day(7).isoformat())
    end = factory.LazyFunction(lambda: day(13).isoformat())
    site = "台北市內湖區瑞光路 100 號工地"
    needs = "室內使用，需要非標記輪胎"
    website = ""
    submission_token = factory.LazyFunction(lambda: str(uuid.uuid4()))
