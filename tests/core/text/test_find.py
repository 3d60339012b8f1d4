"""The Find bar's matching: literal text, case and whole-word rules, code-point spans, wrapping."""

from __future__ import annotations

from workstation.core.text.find import FindOptions, find_all, match_after, match_before


def test_finds_every_match_ignoring_case_by_default() -> None:
    assert find_all("The cat, the Cat, THE CAT", "cat") == [(4, 7), (13, 16), (22, 25)]


def test_match_case_keeps_only_exact_case() -> None:
    assert find_all("The cat, the Cat", "Cat", FindOptions(match_case=True)) == [(13, 16)]


def test_whole_word_skips_matches_inside_words() -> None:
    text = "cat concatenate cat_ cat."
    assert find_all(text, "cat", FindOptions(whole_word=True)) == [(0, 3), (21, 24)]


def test_needle_is_literal_text_not_a_pattern() -> None:
    assert find_all("a.b axb (x) [x]", "a.b") == [(0, 3)]
    assert find_all("a.b axb (x) [x]", "(x)") == [(8, 11)]
    assert find_all("anything", ".*") == []


def test_empty_needle_matches_nothing() -> None:
    assert find_all("some text", "") == []


def test_spans_are_code_points_after_an_emoji() -> None:
    text = "😀 word 👍🏽 word"
    spans = find_all(text, "word")
    assert [text[start:end] for start, end in spans] == ["word", "word"]
    assert spans[0] == (2, 6)


def test_matches_do_not_overlap() -> None:
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]


def test_next_and_previous_wrap_around() -> None:
    matches = [(2, 4), (10, 12), (20, 22)]
    assert match_after(matches, 0) == 0
    assert match_after(matches, 10) == 1
    assert match_after(matches, 21) == 0  # wraps to the first
    assert match_before(matches, 10) == 0
    assert match_before(matches, 2) == 2  # wraps to the last
    assert match_after([], 3) is None and match_before([], 3) is None
