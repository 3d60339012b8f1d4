"""Inline track-changes view: one merged text that rebuilds both sides exactly."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given

from tests.core.test_diff_properties import PROPERTY_SETTINGS, text_pairs
from workstation.core.diff import Segment, diff_words, inline_segments


def _parts(original: str, rewrite: str) -> list[tuple[str, str]]:
    return [(segment.kind, segment.text) for segment in inline_segments(original, rewrite)]


def test_replacement_reads_deleted_then_inserted() -> None:
    assert _parts("The cat sat.", "The dog sat.") == [
        ("equal", "The "),
        ("deleted", "cat"),
        ("inserted", "dog"),
        ("equal", " sat."),
    ]


def test_deletion_takes_its_trailing_space_along() -> None:
    assert _parts("the big dog", "the dog") == [("equal", "the "), ("deleted", "big "), ("equal", "dog")]


def test_insertions_in_order() -> None:
    assert _parts("Hello world", "Hello, brave new world!") == [
        ("equal", "Hello"),
        ("inserted", ", brave new"),
        ("equal", " world"),
        ("inserted", "!"),
    ]


def test_whitespace_only_change_is_shown_as_whitespace_segments() -> None:
    assert _parts("one  two\nthree", "one two three") == [
        ("equal", "one "),
        ("deleted", " "),
        ("equal", "two"),
        ("deleted", "\n"),
        ("inserted", " "),
        ("equal", "three"),
    ]


def test_whitespace_moving_between_tokens() -> None:
    assert _parts("a,b", "a, b") == [("equal", "a,"), ("inserted", " "), ("equal", "b")]
    assert _parts("a , b", "a, b") == [("equal", "a"), ("deleted", " "), ("equal", ", b")]


def test_identical_and_empty_texts() -> None:
    assert inline_segments("", "") == ()
    assert inline_segments("same text", "same text") == (Segment("equal", "same text"),)
    assert _parts("", "new") == [("inserted", "new")]
    assert _parts("old", "") == [("deleted", "old")]


def test_markup_stays_plain_text() -> None:
    assert _parts("Click here", "Click <img src=x onerror=alert(1)> here") == [
        ("equal", "Click "),
        ("inserted", "<img src=x onerror=alert(1)> "),
        ("equal", "here"),
    ]


def test_emoji_and_marks_survive_intact() -> None:
    original = "\U0001f469\u200d\U0001f469\u200d\U0001f467 cafe\u0301"
    rewrite = "\U0001f469\u200d\U0001f469\u200d\U0001f466 cafe\u0301"
    assert _parts(original, rewrite) == [
        ("deleted", "\U0001f469\u200d\U0001f469\u200d\U0001f467"),
        ("inserted", "\U0001f469\u200d\U0001f469\u200d\U0001f466"),
        ("equal", " cafe\u0301"),
    ]


def test_a_diff_for_other_texts_is_rejected() -> None:
    diff = diff_words("short", "short text")
    with pytest.raises(ValueError, match="different texts"):
        inline_segments("other length", "short text", diff)


def test_given_diff_is_used() -> None:
    diff = diff_words("alpha beta", "alpha gamma", cleanup=False)
    assert inline_segments("alpha beta", "alpha gamma", diff) == inline_segments("alpha beta", "alpha gamma")


@PROPERTY_SETTINGS
@given(text_pairs)
def test_segments_rebuild_both_texts(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    segments = inline_segments(original, rewrite)
    assert "".join(s.text for s in segments if s.kind != "inserted") == original
    assert "".join(s.text for s in segments if s.kind != "deleted") == rewrite
    assert all(segment.text for segment in segments)
    assert all(first.kind != second.kind for first, second in itertools.pairwise(segments))
    # Whitespace-only edits are the only edits inside what the diff calls equal.
    diff = diff_words(original, rewrite)
    if not diff.has_changes:
        assert all(s.kind == "equal" or s.text.isspace() for s in segments)
