"""Factories for training records; states are reached through the commands."""

import datetime
import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page

from tests.factories import UserFactory
from workflows.core.numbering import next_reference
from workflows.people.models import (
    CareerMove,
    DevelopmentPlan,
    MentorPair,
    QuizAttempt,
    StaffProfile,
    TrainingSession,
)


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


class DevelopmentPlanFactory(DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan

    reference = factory.LazyAttribute(
        lambda p: next_reference(DevelopmentPlan.REFERENCE_PREFIX, timezone.now())
    )
    employee = factory.SubFactory(UserFactory)
    target_track = "professional"
    target_level = 3
    goals = "一年內獨立完成大型設備租賃方案報價"
    actions = "參加租金計算實務課程；隨資深業務拜訪客戶六次；第三季輪調客服部一個月"
    review_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class CareerMoveFactory(DjangoModelFactory):
    class Meta:
        model = CareerMove

    reference = factory.LazyAttribute(
        lambda m: next_reference(CareerMove.REFERENCE_PREFIX, timezone.now())
    )
    employee = factory.SubFactory(UserFactory)
    kind = "promotion"
    reason = "連續四季考核優秀"
    to_department = "Sales"
    to_position = "資深業務專員"
    to_track = "professional"
    to_level = 4
    effective_on = factory.LazyFunction(timezone.localdate)


class MentorPairFactory(DjangoModelFactory):
    class Meta:
        model = MentorPair

    mentor = factory.SubFactory(UserFactory)
    mentee = factory.SubFactory(UserFactory)
    reason = "new_staff"
