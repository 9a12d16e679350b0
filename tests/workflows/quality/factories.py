import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from workflows.quality.choices import SurveyOccasion
from workflows.quality.models import Survey


class SurveyFactory(DjangoModelFactory):
    """A survey as sent to a customer, not yet answered."""

    class Meta:
        model = Survey

    occasion = SurveyOccasion.PERIODIC
    occasion_key = factory.Sequence(lambda n: f"test:{n}")
    name = factory.Sequence(lambda n: f"客戶 {n}")
    email = factory.Sequence(lambda n: f"survey{n}@example.com")
    language = "zh-hant"
    department = "sales"
    sent_at = factory.LazyFunction(timezone.now)
