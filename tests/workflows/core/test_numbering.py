"""Reference numbers: one series per prefix and year, given before the single save."""

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.utils import timezone

from tests.factories import ConsultationFactory
from workflows.consultations.models import Consultation
from workflows.core.numbering import (
    ReferenceCounter,
    highest_used,
    next_reference,
    next_references,
    register_series,
)

pytestmark = pytest.mark.django_db


def at(year, month, day=1):
    return timezone.make_aware(datetime(year, month, day, 10, 0))


class TestSeries:
    def test_numbers_follow_each_other_within_a_year(self):
        assert next_reference("T", at(2026, 11)) == "T2611-000001"
        assert next_reference("T", at(2026, 12)) == "T2612-000002"

    def test_a_new_year_starts_again_at_one(self):
        next_reference("T", at(2026, 12))

        assert next_reference("T", at(2027, 1)) == "T2701-000001"

    def test_each_prefix_has_its_own_series(self):
        next_reference("T", at(2026, 11))

        assert next_reference("U", at(2026, 11)) == "U2611-000001"

    def test_a_rolled_back_creation_gives_its_number_back(self):
        """No gaps: an auditor reads a missing number as a deleted record."""
        next_reference("T", at(2026, 11))
        with pytest.raises(RuntimeError), transaction.atomic():
            next_reference("T", at(2026, 11))
            raise RuntimeError("the save failed")

        assert next_reference("T", at(2026, 11)) == "T2611-000002"

    def test_a_block_of_numbers_in_order_across_years(self):
        dates = [at(2026, 12, 30), at(2027, 1, 2), at(2026, 12, 31)]

        assert next_references("T", dates) == ["T2612-000001", "T2701-000001", "T2612-000002"]
        assert ReferenceCounter.objects.get(prefix="T", year=2026).last == 2

    def test_local_time_decides_the_year(self):
        """23:30 on 31 December in Taipei is 15:30 UTC: still the old year here."""
        utc_evening = datetime(2026, 12, 31, 15, 30, tzinfo=UTC)

        assert next_reference("T", utc_evening) == "T2612-000001"


class TestNumbersGivenBeforeCountersExisted:
    def test_a_new_counter_continues_after_the_highest_number_in_use(self):
        register_series("C", Consultation)  # as the consultation model declares
        ConsultationFactory(reference="C2611-000041", received_at=at(2026, 11))
        ConsultationFactory(reference="C2601-000007", received_at=at(2026, 1))
        ConsultationFactory(reference="C2512-000099", received_at=at(2025, 12))

        assert highest_used("C", 2026) == 41
        assert next_reference("C", at(2026, 11)) == "C2611-000042"

    def test_an_empty_series_starts_at_one(self):
        assert highest_used("C", 2031) == 0
