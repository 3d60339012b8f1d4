"""Matching places between the panes: any position in, a place in the other text out, never an error.

The scroll sync asks with positions of the text a pane shows now, which a paste can put far past
(or, the other way, far short of) the texts the last diff describes.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_diff_properties import PROPERTY_SETTINGS, text_pairs
from workstation.core.diff import diff_words
from workstation.core.diff.pane_positions import PanePositions
from workstation.core.text.positions import utf16_length

any_position = st.integers(min_value=-(2**40), max_value=2**40)


def _positions(original: str, rewrite: str) -> PanePositions:
    return PanePositions.of(original, rewrite, diff_words(original, rewrite))


@PROPERTY_SETTINGS
@given(text_pairs, st.lists(any_position, max_size=20))
def test_any_position_maps_into_the_other_text(pair: tuple[str, str], asked: list[int]) -> None:
    original, rewrite = pair
    positions = _positions(original, rewrite)
    for position in asked:
        assert 0 <= positions.a_to_b(position) <= utf16_length(rewrite)
        assert 0 <= positions.b_to_a(position) <= utf16_length(original)


@PROPERTY_SETTINGS
@given(text_pairs)
def test_mapping_never_runs_backwards_and_ends_meet(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    positions = _positions(original, rewrite)
    for source, target, mapping in (
        (original, rewrite, positions.a_to_b),
        (rewrite, original, positions.b_to_a),
    ):
        end = utf16_length(source)
        mapped = [mapping(position) for position in range(-3, end + 4)]
        assert mapped == sorted(mapped)
        if source or target:
            assert mapped[-1] == utf16_length(target)  # the end of one text is the end of the other


@PROPERTY_SETTINGS
@given(text_pairs, text_pairs, any_position)
def test_a_diff_of_other_texts_still_answers(
    pair: tuple[str, str], typed: tuple[str, str], position: int
) -> None:
    """The panes moved on (typing, a paste) while the diff of the old texts is still shown."""
    original, rewrite = pair
    positions = _positions(original, rewrite)
    now_original, now_rewrite = typed
    for asked in (position, utf16_length(now_original), utf16_length(now_rewrite)):
        assert 0 <= positions.a_to_b(asked) <= utf16_length(rewrite)
        assert 0 <= positions.b_to_a(asked) <= utf16_length(original)


def test_a_long_paste_over_a_short_draft_maps_from_the_end() -> None:
    draft, pasted = "A short draft.", " ".join(["word"] * 2000)
    positions = _positions(draft, draft)  # the diff shown while the paste's is on its way
    assert positions.b_to_a(len(pasted)) == len(draft)
    assert positions.a_to_b(len(pasted)) == len(draft)
    assert positions.b_to_a(-5) == 0


def test_empty_panes_map_to_zero() -> None:
    positions = _positions("", "")
    assert positions.a_to_b(0) == positions.b_to_a(10) == 0
    emoji = _positions("", "\U0001f600 ok")
    assert emoji.a_to_b(0) == utf16_length("\U0001f600 ok")


def test_an_index_of_other_text_than_the_diff_is_refused() -> None:
    diff = diff_words("one two", "one three")
    with pytest.raises(ValueError, match="do not describe"):
        PanePositions.of("one two", "one three four", diff)
