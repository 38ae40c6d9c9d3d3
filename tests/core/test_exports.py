"""Exports guard spreadsheets against formulas without turning signed numbers into text."""

import pytest

from lksworkforce.core.exports import escape_cell, rows_as_csv


@pytest.mark.parametrize("value", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "-", "+ 1"])
def test_formula_like_text_is_escaped(value: str) -> None:
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-80.85", "+1.5", "-1,250", "12.5%", "-0.5"])
def test_signed_numbers_stay_numbers(value: str) -> None:
    assert escape_cell(value) == value
    assert rows_as_csv(["n"], [{"n": value}]).splitlines()[1].strip('"') == value
