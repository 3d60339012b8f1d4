"""Code point <-> UTF-16 conversion: highlights after an emoji must land on the right letters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.text.positions import Utf16Index, utf16_length

TEXTPOS_SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)
# Includes astral characters (two UTF-16 units) and lone surrogates (one unit, as in QString).
any_text = st.text(alphabet=st.characters(codec=None), max_size=60)
astral_heavy = st.text(
    alphabet=st.one_of(st.characters(min_codepoint=0x10000), st.sampled_from("ab \u00e9\u200d")), max_size=40
)


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def test_plain_text_is_identity() -> None:
    index = Utf16Index("plain ASCII and caf\u00e9 and \u4e2d\u6587")
    assert index.is_identity
    assert index.to_utf16(7) == 7 and index.to_codepoint(7) == 7
    assert index.utf16_length == index.length


def test_positions_after_an_emoji_shift_by_one_unit_each() -> None:
    text = "\U0001f600 x \U0001f469\u200d\U0001f469\u200d\U0001f467 y"
    index = Utf16Index(text)
    assert not index.is_identity
    assert index.to_utf16(text.index("x")) == 3
    assert index.to_utf16(text.index("y")) == text.index("y") + 4  # four astral characters before y
    assert index.utf16_length == _utf16_units(text) == utf16_length(text)
    assert index.to_codepoint(index.to_utf16(text.index("y"))) == text.index("y")


def test_position_inside_a_surrogate_pair_rounds_to_the_character() -> None:
    index = Utf16Index("a\U0001f600b")
    assert index.to_codepoint(2) == 1  # between the two halves: start of the emoji
    assert index.to_codepoint_rounding_up(2) == 2
    assert index.span_to_codepoint(2, 2) == (1, 2)
    assert index.to_codepoint(3) == 2 and index.to_codepoint_rounding_up(3) == 2


def test_spans_convert_both_ways() -> None:
    text = "\U0001d401old move"
    index = Utf16Index(text)
    start, end = text.index("move"), len(text)
    assert index.span_to_utf16(start, end) == (start + 1, end + 1)
    assert index.span_to_codepoint(start + 1, end + 1) == (start, end)
    assert index.span_to_utf16(0, 1) == (0, 2)


@pytest.mark.parametrize("text", ["", "abc", "\U0001f600"])
def test_out_of_range_and_reversed_positions_are_rejected(text: str) -> None:
    index = Utf16Index(text)
    with pytest.raises(ValueError, match="outside"):
        index.to_utf16(len(text) + 1)
    with pytest.raises(ValueError, match="outside"):
        index.to_utf16(-1)
    with pytest.raises(ValueError, match="outside"):
        index.to_codepoint(index.utf16_length + 1)
    with pytest.raises(ValueError, match="after end"):
        index.span_to_utf16(1, 0)
    with pytest.raises(ValueError, match="after end"):
        index.span_to_codepoint(1, 0)


def test_empty_text() -> None:
    index = Utf16Index("")
    assert (index.length, index.utf16_length, index.to_utf16(0), index.to_codepoint(0)) == (0, 0, 0, 0)
    assert utf16_length("") == 0


def test_large_text_builds_quickly_without_a_table() -> None:
    text = "word " * 200_000
    index = Utf16Index(text)
    assert index.is_identity and index.to_utf16(len(text)) == len(text)
    astral = text + "\U0001f600"
    assert Utf16Index(astral).to_utf16(len(astral)) == len(astral) + 1


@TEXTPOS_SETTINGS
@given(st.one_of(any_text, astral_heavy))
def test_round_trip_and_agreement_with_utf16_encoding(text: str) -> None:
    index = Utf16Index(text)
    assert index.utf16_length == _utf16_units(text) == utf16_length(text)
    previous = -1
    for position in range(len(text) + 1):
        units = index.to_utf16(position)
        assert units == _utf16_units(text[:position])
        assert units > previous
        previous = units
        assert index.to_codepoint(units) == position
        assert index.to_codepoint_rounding_up(units) == position


@TEXTPOS_SETTINGS
@given(st.one_of(any_text, astral_heavy))
def test_every_utf16_position_maps_to_a_character_boundary(text: str) -> None:
    index = Utf16Index(text)
    for units in range(index.utf16_length + 1):
        down = index.to_codepoint(units)
        up = index.to_codepoint_rounding_up(units)
        assert index.to_utf16(down) <= units <= index.to_utf16(up)
        assert up - down in (0, 1)
