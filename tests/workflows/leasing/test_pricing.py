"""The rent rules (DESIGN.md, "Data rules"): exact Decimals, rounded once, half up."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from workflows.leasing import pricing
from workflows.leasing.choices import RateBasis

D = Decimal


class TestLineRent:
    def test_is_quantity_times_rate_times_periods(self):
        assert pricing.line_rent(2, D("120000.00"), D("3")) == D("720000.00")

    def test_rounds_half_up_not_to_even(self):
        # 2 × 1000.05 × 1.25 = 2500.125: banker's rounding would give 2500.12.
        assert pricing.line_rent(2, D("1000.05"), D("1.25")) == D("2500.13")

    def test_rounds_an_exact_half_cent_up(self):
        assert pricing.line_rent(1, D("333.33"), D("1.5")) == D("500.00")  # 499.995

    def test_rounds_below_the_half_down(self):
        assert pricing.line_rent(1, D("333.33"), D("0.01")) == D("3.33")  # 3.3333
        assert pricing.line_rent(3, D("10.01"), D("0.33")) == D("9.91")  # 9.9099

    def test_fractional_periods_are_not_rounded_first(self):
        assert pricing.line_rent(1, D("6500.00"), D("0.5")) == D("3250.00")

    def test_always_has_two_places(self):
        assert str(pricing.line_rent(1, D("100"), 1)) == "100.00"

    def test_refuses_floats(self):
        with pytest.raises(TypeError):
            pricing.line_rent(1, 1000.05, 1)

    def test_refuses_negative_amounts(self):
        with pytest.raises(ValueError):
            pricing.line_rent(1, D("-1"), 1)


class TestTotals:
    def test_the_total_is_the_sum_of_the_rounded_lines(self):
        rents = [pricing.line_rent(1, D("0.335"), 1), pricing.line_rent(1, D("0.335"), 1)]
        assert rents == [D("0.34"), D("0.34")]
        result = pricing.totals(rents, D("0"))
        # Not money(0.67): the printed lines add up to the printed total.
        assert result.rent_total == D("0.68")

    def test_grand_total_adds_the_deposit(self):
        result = pricing.totals([D("720000.00"), D("78000.00")], D("200000"))
        assert result == pricing.Totals(D("798000.00"), D("200000.00"), D("998000.00"))

    def test_no_lines_is_zero(self):
        assert pricing.totals([], D("0")).grand_total == D("0.00")


class TestDefaultDeposit:
    def test_is_each_models_deposit_times_quantity(self):
        assert pricing.default_deposit([(D("100000.00"), 2), (D("2500.50"), 3)]) == D("207501.50")


class TestSuggestedPeriods:
    @pytest.mark.parametrize(
        ("first", "last", "basis", "expected"),
        [
            (date(2026, 12, 1), date(2026, 12, 1), RateBasis.DAY, 1),
            (date(2026, 12, 1), date(2026, 12, 10), RateBasis.DAY, 10),
            (date(2026, 12, 1), date(2026, 12, 7), RateBasis.WEEK, 1),
            (date(2026, 12, 1), date(2026, 12, 8), RateBasis.WEEK, 2),
            (date(2026, 12, 1), date(2026, 12, 31), RateBasis.MONTH, 1),
            (date(2026, 12, 15), date(2027, 1, 14), RateBasis.MONTH, 1),
            (date(2026, 12, 15), date(2027, 1, 15), RateBasis.MONTH, 2),
            (date(2027, 1, 31), date(2027, 2, 27), RateBasis.MONTH, 1),
            (date(2026, 12, 1), date(2027, 2, 28), RateBasis.MONTH, 3),
        ],
    )
    def test_a_begun_period_counts_in_full(self, first, last, basis, expected):
        assert pricing.suggested_periods(first, last, basis) == D(expected)

    def test_the_lease_cannot_end_before_it_starts(self):
        with pytest.raises(ValueError):
            pricing.suggested_periods(date(2026, 12, 2), date(2026, 12, 1), RateBasis.DAY)


class TestCheapestBasis:
    model = SimpleNamespace(
        rate_day=D("6500.00"), rate_week=D("39000.00"), rate_month=D("120000.00")
    )

    def test_a_few_days_go_by_the_day(self):
        assert pricing.cheapest_basis(self.model, date(2026, 12, 1), date(2026, 12, 3)) == (
            RateBasis.DAY,
            D(3),
        )

    def test_ten_days_go_by_the_day_but_fourteen_by_the_week(self):
        # 10 days: 65,000 by the day, 78,000 as two weeks, 120,000 as a month;
        # 14 days: 91,000 by the day, 78,000 as two weeks.
        assert pricing.cheapest_basis(self.model, date(2026, 12, 1), date(2026, 12, 10)) == (
            RateBasis.DAY,
            D(10),
        )
        assert pricing.cheapest_basis(self.model, date(2026, 12, 1), date(2026, 12, 14)) == (
            RateBasis.WEEK,
            D(2),
        )

    def test_a_month_goes_by_the_month(self):
        assert pricing.cheapest_basis(self.model, date(2026, 12, 1), date(2026, 12, 31)) == (
            RateBasis.MONTH,
            D(1),
        )
