"""Placeholders in contract clauses: a documented set, checked at save, filled without templates."""

import pytest
from django.core.exceptions import ValidationError

from workflows.leasing.placeholders import (
    PLACEHOLDERS,
    PlaceholderError,
    check_placeholders,
    fill,
    placeholders_in,
)


class TestReadingPlaceholders:
    def test_lists_the_names_used(self):
        assert placeholders_in("{customer} 租用 {units}，自 {period_start} 起") == [
            "customer",
            "units",
            "period_start",
        ]

    def test_doubled_braces_are_braces(self):
        assert placeholders_in("代號 {{A}} 與 {customer}") == ["customer"]

    @pytest.mark.parametrize(
        "text",
        ["{customer.name}", "{customer[0]}", "{0}", "{}", "{customer!r}", "{rent_total:>10}"],
    )
    def test_attributes_indexes_conversions_and_formats_are_refused(self, text):
        with pytest.raises(PlaceholderError):
            placeholders_in(text)

    def test_a_lone_brace_is_refused(self):
        with pytest.raises(PlaceholderError) as excinfo:
            placeholders_in("押金 {deposit 元")
        assert excinfo.value.malformed


class TestCheckingAtSave:
    def test_documented_placeholders_pass(self):
        check_placeholders(" ".join("{" + name + "}" for name in PLACEHOLDERS))

    def test_the_message_names_every_unknown_placeholder(self):
        with pytest.raises(ValidationError) as excinfo:
            check_placeholders("{customer} 應付 {rent_totl}，違約金 {penalty}")
        message = excinfo.value.messages[0]
        assert "{rent_totl}" in message
        assert "{penalty}" in message
        assert "{customer}," not in message.split("Allowed")[0]

    def test_a_malformed_brace_is_explained(self):
        with pytest.raises(ValidationError) as excinfo:
            check_placeholders("押金 {deposit 元")
        assert "brace" in excinfo.value.messages[0]


class TestFilling:
    def test_replaces_each_placeholder_by_its_value(self):
        assert fill("{customer} 租 {units}", {"customer": "大安營造", "units": "挖土機 × 2"}) == (
            "大安營造 租 挖土機 × 2"
        )

    def test_values_are_inserted_as_text_never_formatted_again(self):
        values = {"customer": "{deposit} <b>&", "deposit": "100"}
        assert fill("{customer}", values) == "{deposit} <b>&"

    def test_a_documented_name_without_a_value_stays_as_written(self):
        assert fill("{customer} {deposit}", {"customer": "甲"}) == "甲 {deposit}"

    def test_never_runs_attribute_access(self):
        with pytest.raises(PlaceholderError):
            fill("{customer.__class__}", {"customer": "甲"})

    def test_a_value_ending_its_sentence_is_not_closed_twice(self):
        values = {"specification": "PC200 挖土機：斗容量 250 L。", "units": "發電機 × 2."}
        filled = fill("規格如下：{specification}。", values)
        assert filled == "規格如下：PC200 挖土機：斗容量 250 L。"
        assert fill("數量為：{units}。合計", values) == "數量為：發電機 × 2。合計"

    def test_a_value_inside_a_sentence_keeps_its_punctuation(self):
        assert fill("{customer}，{{A}}", {"customer": "大安營造（股）."}) == "大安營造（股）.，{A}"
