"""Factories for training records; states are reached through the commands."""

import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page

from tests.factories import UserFactory
from workflows.core.numbering import next_reference
from workflows.people.models import QuizAttempt, StaffProfile, TrainingSession


class TrainingSessionFactory(DjangoModelFactory):
    class Meta:
        model = TrainingSession

    reference = factory.LazyAttribute(
        lambda s: next_reference(TrainingSession.REFERENCE_PREFIX, timezone.now())
    )
    title = factory.Sequence(lambda n: f"租金計算實務 {n}")
    kind = "internal"
    topic = "rent"
    trainer = "財務部 黃怡君"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))
    place = "八樓會議室"
    audience = "業務部、客服部"


class QuizAttemptFactory(DjangoModelFactory):
    class Meta:
        model = QuizAttempt

    token = factory.LazyFunction(uuid.uuid4)
    employee = factory.SubFactory(UserFactory)
    course = factory.LazyFunction(Page.get_first_root_node)
    correct = 1
    questions = 2
    score = 50
    passed = False


class StaffProfileFactory(DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    department = "Sales"
    position = "業務專員"
