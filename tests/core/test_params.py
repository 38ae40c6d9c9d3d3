"""The shared bounded parsers (core.params): whatever the text, a value in bounds or ParamError
with a sentence, and nothing else (no ValueError from int(), no decimal.InvalidOperation)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.core.params import ParamError, check_text, parse_decimal, parse_int, parse_year

HOSTILE = [
    "²",
    "\u0662\u0660\u0662\u0665",  # Arabic-Indic digits: isdigit() and even int() accept them
    "\uff19",  # fullwidth nine
    "9" * 5000,
    "-" + "9" * 5000,
    "1e999",
    "1E+5",
    "NaN",
    "-Infinity",
    "inf",
    "0x10",
    "1_000",
    "12\x00",
    "",
    "   ",
    "1.2.3",
    "--1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_refused_with_a_sentence(text: str) -> None:
    for parse in (
        lambda t: parse_int(t, minimum=1, maximum=100),
        parse_year,
        lambda t: parse_decimal(t, minimum=Decimal(-20), maximum=Decimal(20), places=1),
    ):
        with pytest.raises(ParamError) as refused:
            parse(text)
        assert str(refused.value)[0].isupper()


@given(st.text(max_size=60))
def test_any_text_is_a_value_in_bounds_or_param_error(text: str) -> None:
    try:
        value = parse_int(text, minimum=-5, maximum=500, default=7)
    except ParamError:
        pass
    else:
        assert -5 <= value <= 500
    try:
        year = parse_year(text)
    except ParamError:
        pass
    else:
        assert 2000 <= year <= 2100
    try:
        number = parse_decimal(text, minimum=Decimal("-20"), maximum=Decimal("20"), places=1)
    except ParamError:
        pass
    else:
        assert number.is_finite()
        assert Decimal("-20") <= number <= Decimal("20")
        assert number == number.quantize(Decimal("0.1"))


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_whole_numbers_read_back_when_in_bounds(number: int) -> None:
    if 0 <= number <= 10**6:
        assert parse_int(f" {number} ", minimum=0, maximum=10**6) == number
    else:
        with pytest.raises(ParamError, match="must be"):
            parse_int(str(number), minimum=0, maximum=10**6)


def test_blank_gives_the_default_or_asks_for_a_value() -> None:
    assert parse_int("", minimum=1, maximum=9, default=3) == 3
    assert parse_int(None, minimum=1, maximum=9, default=3) == 3
    with pytest.raises(ParamError, match="Enter the version"):
        parse_int("", minimum=1, maximum=9, what="The version")
    with pytest.raises(ParamError, match="Enter a year"):
        parse_year(None)


def test_decimals_are_plain_with_their_places() -> None:
    assert parse_decimal("1,000.5", minimum=Decimal(0), maximum=Decimal(5000), places=2) == Decimal("1000.5")
    assert parse_decimal("-.5", minimum=Decimal(-1), maximum=Decimal(1), places=1) == Decimal("-0.5")
    with pytest.raises(ParamError, match=r"at most 1 decimal place$") as refused:
        parse_decimal("1.25", minimum=Decimal(0), maximum=Decimal(5), places=1)
    assert refused.value.kind == "places"
    with pytest.raises(ParamError, match="Growth must be from -20 to 20") as refused:
        parse_decimal("21", minimum=Decimal(-20), maximum=Decimal(20), places=1, what="Growth")
    assert refused.value.kind == "range"


def test_text_is_bounded_and_storable() -> None:
    assert check_text("fine", max_length=4) == "fine"
    with pytest.raises(ParamError, match="The note must be 4 characters or fewer"):
        check_text("fine!", max_length=4, what="The note")
    with pytest.raises(ParamError, match=r"not allowed \(NUL\)"):
        check_text("a\x00", max_length=4)
    with pytest.raises(ParamError, match="unpaired surrogate"):
        check_text("a\ud800", max_length=4)
