"""Factories shared by the process tests: staff users per role, consultations."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.site.factories import ConsultationChannelFactory
from workflows.consultations.models import Consultation
from workflows.core.numbering import next_reference


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@rental.example")
    first_name = factory.Sequence(lambda n: f"Staff {n}")
    password = factory.django.Password("secret-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class ConsultationFactory(DjangoModelFactory):
    """A consultation as received; use `services` to move it, never the state field."""

    class Meta:
        model = Consultation

    channel = factory.SubFactory(ConsultationChannelFactory)
    # Taken from the series, so that a consultation created later by a command never
    # collides with one made here.
    reference = factory.LazyAttribute(
        lambda c: next_reference(Consultation.REFERENCE_PREFIX, c.received_at)
    )
    customer_name = factory.Sequence(lambda n: f"客戶 {n}")
    company = "大安營造"
    phone = "0912-345-678"
    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    subject = "挖土機租賃詢價"
    question = "請問 20 噸挖土機月租多少？"
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(
        lambda c: c.received_at + timezone.timedelta(hours=c.channel.reply_within_hours)
    )
