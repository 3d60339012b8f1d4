"""Windows of a long text: they tile it, and no token or run of white space crosses a cut, so
scanning window by window gives the tokens a scan of the whole text gives; words, their offsets
and syllables counted a slice at a time are those of one pass."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_diff_properties import prose
from workstation.core.diff import tokens
from workstation.core.diff.tokens import (
    _is_word_piece,
    _pieces,
    count_words,
    scan_non_space,
    words_and_starts,
)
from workstation.core.prose.readability import total_syllables
from workstation.core.text.token_windows import item_slices, token_windows


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u2028é—.")), size=st.integers(1, 12))
def test_windows_tile_the_text_and_cut_only_after_white_space(text: str, size: int) -> None:
    windows = list(token_windows(text, size))
    assert "".join(text[start:end] for start, end in windows) == text
    assert all(start < end for start, end in windows)
    for start, end in windows[:-1]:  # every window but the last is at least ``size`` long
        assert end - start >= size
        assert text[end - 1].isspace() and not text[end].isspace()


def test_a_short_text_is_one_window_and_an_empty_one_none() -> None:
    assert list(token_windows("two words", 100)) == [(0, 9)]
    assert list(token_windows("", 100)) == []
    assert list(token_windows("x" * 50, 10)) == [(0, 50)]  # one long token is never cut


@settings(max_examples=300, deadline=None)
@given(text=prose(max_pieces=60), window=st.integers(1, 40))
def test_scanning_by_windows_gives_the_tokens_of_one_scan(text: str, window: int) -> None:
    assert _pieces(text, window) == _pieces(text, len(text) + 1)


def test_a_long_text_is_scanned_by_windows_with_the_same_result() -> None:
    text = "Naïve — words, words.\n\n" * 3000  # 69,000 characters: several windows
    pieces = _pieces(text)
    assert "".join(pieces) == text
    assert pieces == _pieces(text, len(text) + 1)
    assert count_words(text) == count_words("Naïve — words, words.") * 3000
    ascii_text = text.replace("ï", "i").replace("—", "-")  # the ASCII path
    assert count_words(ascii_text) == count_words("Naive - words, words.") * 3000 == 3 * 3000
    assert len(scan_non_space(text).texts) == 6 * 3000


def _words_and_starts_in_one_pass(text: str) -> tuple[list[str], list[int]]:
    """What words_and_starts gives, computed the plain way: every piece, its offset, the words."""
    words, starts, offset = [], [], 0
    for piece in _pieces(text, len(text) + 1):
        if _is_word_piece(piece):
            words.append(piece)
            starts.append(offset)
        offset += len(piece)
    return words, starts


@settings(max_examples=200, deadline=None)
@given(text=prose(max_pieces=80), size=st.integers(1, 9))
def test_words_and_starts_by_slices_match_one_pass(text: str, size: int) -> None:
    with patch.object(tokens, "item_slices", lambda items: item_slices(items, size)):
        assert words_and_starts(text) == _words_and_starts_in_one_pass(text)


def test_a_long_text_s_words_and_starts_cross_many_slices() -> None:
    text = "Naïve — words, words.\n\n" * 3000  # 24,000 pieces: three slices
    words, starts = words_and_starts(text)
    assert (words, starts) == _words_and_starts_in_one_pass(text)
    assert all(text[start : start + len(word)] == word for word, start in zip(words, starts, strict=True))
    assert total_syllables(words) == total_syllables(["Naïve", "words", "words"]) * 3000


@given(items=st.lists(st.integers(), max_size=50), size=st.integers(1, 12))
def test_item_slices_cover_the_items_in_order(items: list[int], size: int) -> None:
    slices = list(item_slices(items, size))
    assert [item for part in slices for item in part] == items
    assert all(0 < len(part) <= size for part in slices)
