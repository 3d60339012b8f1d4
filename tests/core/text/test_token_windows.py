"""Windows of a long text: they tile it, and no token or run of white space crosses a cut, so
scanning window by window gives the tokens a scan of the whole text gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_diff_properties import prose
from workstation.core.diff.tokens import _pieces, count_words, scan_non_space
from workstation.core.text.token_windows import token_windows


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
