"""Suggestions as they arrive; move them on with the services, never the state field."""

import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from forms.models import SuggestionFormPage
from tests.factories import UserFactory
from tests.site.factories import PageFactory
from workflows.suggestions.choices import SuggestionSource
from workflows.suggestions.models import Suggestion


class SuggestionFactory(DjangoModelFactory):
    """A customer's suggestion, as received from the website."""

    class Meta:
        model = Suggestion

    reference = factory.Sequence(lambda n: f"S2611-T{n:05d}")
    source = SuggestionSource.CUSTOMER
    proposer_name = factory.Sequence(lambda n: f"客戶 {n}")
    proposer_company = "大安營造"
    proposer_email = factory.Sequence(lambda n: f"proposer{n}@example.com")
    proposer_phone = ""
    subject = "交付前多一次試車"
    description = "希望交付前能在工地多試車一次，確認操作無誤。"
    language = "zh-hant"
    submission_token = factory.LazyFunction(uuid.uuid4)
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda s: s.received_at + timezone.timedelta(days=2))

    class Params:
        employee = factory.Trait(
            source=SuggestionSource.EMPLOYEE,
            proposer=factory.SubFactory(UserFactory),
            proposer_name="",
            proposer_company="",
            proposer_email="",
            proposer_phone="",
            submission_token=None,
        )


class SuggestionFormFactory(factory.DictFactory):
    """The POST data of a filled-in suggestion form, as a browser sends it."""

    proposer_name = "王小明"
    company = "大安營造"
    phone = "0912-345-678"
    email = "wang@example.com"
    category = "service"
    subject = "交付前多一次試車"
    description = "希望交付前能在工地多試車一次。"
    website = ""  # the honeypot, left empty by people
    submission_token = factory.LazyFunction(lambda: str(uuid.uuid4()))


class SuggestionFormPageFactory(PageFactory):
    class Meta:
        model = SuggestionFormPage

    title = "意見與建議"
    slug = "suggestion"
    intro = "<p>歡迎提出您對我們服務的建議。</p>"
    thank_you_text = "<p>感謝您的建議。</p>"
