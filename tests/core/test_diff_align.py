"""The int-sequence aligner under the word diff: valid matches, readable anchors, bounded work."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_diff import assert_valid_diff
from workstation.core.diff import diff_words
from workstation.core.diff.align import (
    WorkBudget,
    _longest_increasing_chain,
    common_prefix_length,
    common_suffix_length,
    matching_blocks,
)
from workstation.core.diff.worddiff import _common_prefix_chars, _common_suffix_chars

ALIGN_SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)
small_ints = st.lists(st.integers(0, 6), max_size=60)


def _assert_valid_blocks(blocks: list[tuple[int, int, int]], a: list[int], b: list[int]) -> None:
    for a_index, b_index, length in blocks:
        assert length > 0
        assert a[a_index : a_index + length] == b[b_index : b_index + length]
    for (a1, b1, n1), (a2, b2, _n2) in pairwise(blocks):
        assert a1 + n1 <= a2 and b1 + n1 <= b2, "blocks overlap or go backwards"
        assert not (a1 + n1 == a2 and b1 + n1 == b2), "touching blocks must be merged"


def _lcs_length(a: list[int], b: list[int]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for column, y in enumerate(b, start=1):
            current.append(previous[column - 1] + 1 if x == y else max(previous[column], current[column - 1]))
        previous = current
    return previous[-1]


@ALIGN_SETTINGS
@given(small_ints, small_ints)
def test_blocks_are_valid_matches(a: list[int], b: list[int]) -> None:
    blocks = matching_blocks(a, b, WorkBudget(10**6))
    _assert_valid_blocks(blocks, a, b)
    matched = sum(length for _a, _b, length in blocks)
    assert matched <= _lcs_length(a, b)
    if a == b:
        assert blocks == ([(0, 0, len(a))] if a else [])


@ALIGN_SETTINGS
@given(small_ints, small_ints)
def test_something_common_is_always_matched(a: list[int], b: list[int]) -> None:
    # The histogram step guarantees progress whenever the two sides share an element.
    blocks = matching_blocks(a, b, WorkBudget(10**6))
    assert bool(blocks) == bool(set(a) & set(b))


@ALIGN_SETTINGS
@given(st.lists(st.integers(0, 3), max_size=300), st.lists(st.integers(0, 3), max_size=300), st.data())
def test_common_prefix_and_suffix_match_a_naive_scan(
    head: list[int], tail: list[int], data: st.DataObject
) -> None:
    a = [*head, 7, *tail]
    b = head + data.draw(st.lists(st.integers(4, 9), max_size=5)) + tail
    naive_prefix = 0
    while naive_prefix < min(len(a), len(b)) and a[naive_prefix] == b[naive_prefix]:
        naive_prefix += 1
    assert common_prefix_length(a, 0, len(a), b, 0, len(b)) == naive_prefix
    naive_suffix = 0
    while naive_suffix < min(len(a), len(b)) and a[-1 - naive_suffix] == b[-1 - naive_suffix]:
        naive_suffix += 1
    assert common_suffix_length(a, 0, len(a), b, 0, len(b)) == naive_suffix


def test_galloping_prefix_on_long_sequences() -> None:
    a = list(range(100_000))
    b = [*range(73_210), -1, *range(73_211, 100_000)]
    assert common_prefix_length(a, 0, len(a), b, 0, len(b)) == 73_210
    assert common_suffix_length(a, 0, len(a), b, 0, len(b)) == 100_000 - 73_211
    assert common_prefix_length(a, 10, 20, a, 10, 20) == 10


@ALIGN_SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=40, unique_by=lambda pair: pair[1])
)
def test_longest_increasing_chain_is_longest(pairs: list[tuple[int, int]]) -> None:
    pairs.sort(key=lambda pair: pair[1])
    chain = _longest_increasing_chain(pairs)
    assert all(first[0] < second[0] and first[1] < second[1] for first, second in pairwise(chain))
    best = [1] * len(pairs)  # O(n^2) reference
    for index in range(len(pairs)):
        for before in range(index):
            if pairs[before][0] < pairs[index][0]:
                best[index] = max(best[index], best[before] + 1)
    assert len(chain) == max(best, default=0)


def test_unique_words_anchor_the_alignment() -> None:
    # "the" repeats; the unique words decide which copies of it line up.
    the, cat, dog, sat, ran = 0, 1, 2, 3, 4
    a = [the, cat, sat, the, dog, ran]
    b = [the, dog, ran, the, cat, sat]
    blocks = matching_blocks(a, b, WorkBudget(10**6))
    _assert_valid_blocks(blocks, a, b)
    assert sum(length for *_ignored, length in blocks) == 3


def test_exhausted_budget_leaves_the_middle_unaligned() -> None:
    a = [1, 2, 3, 4, 5, 6, 7]
    b = [1, 9, 3, 8, 5, 8, 7]
    budget = WorkBudget(0)
    blocks = matching_blocks(a, b, budget)
    assert blocks == [(0, 0, 1), (6, 6, 1)]  # only the free head/tail trimming happened
    assert budget.exhausted


def test_budget_spend_reports_shortage() -> None:
    budget = WorkBudget(10)
    assert budget.spend(6) and budget.remaining == 4 and not budget.exhausted
    assert not budget.spend(5) and budget.exhausted and budget.remaining == 4


def test_adversarial_repetitive_text_finishes_and_stays_valid() -> None:
    original = "a b " * 15_000
    rewrite = "b a " * 15_000
    diff = diff_words(original, rewrite)
    assert_valid_diff(diff, original, rewrite)


def test_huge_single_paragraph_degrades_to_coarse_in_bounded_work() -> None:
    words = [f"w{n % 50}" for n in range(30_000)]
    original = " ".join(words)
    rewrite = " ".join(reversed(words))
    diff = diff_words(original, rewrite, max_tokens=20_000)
    assert diff.coarse
    assert_valid_diff(diff, original, rewrite)


@ALIGN_SETTINGS
@given(st.text(alphabet="ab\U0001f600", max_size=700), st.text(alphabet="abc", max_size=700), st.data())
def test_common_head_and_tail_of_strings_match_a_naive_scan(
    head: str, tail: str, data: st.DataObject
) -> None:
    a = head + "X" + tail
    b = head + data.draw(st.text(alphabet="YZ", max_size=3)) + tail
    naive_head = 0
    while naive_head < min(len(a), len(b)) and a[naive_head] == b[naive_head]:
        naive_head += 1
    assert _common_prefix_chars(a, b) == naive_head
    limit = min(len(a), len(b)) - naive_head
    naive_tail = 0
    while naive_tail < limit and a[-1 - naive_tail] == b[-1 - naive_tail]:
        naive_tail += 1
    assert _common_suffix_chars(a, b, limit) == naive_tail
