"""Align the non-whitespace tokens of two text regions: words first, then punctuation.

Words are aligned on their own first, so punctuation can never pull a word out of place: if the
two texts have the same words in the same order, every word is matched, whatever happened to the
commas. Punctuation is then aligned inside the gaps the words leave (where a word can no longer
match anything).

All indices here are token indices into ``NonSpaceTokens`` lists, not text offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate, compress

from workstation.core.diff.align import (
    Block,
    WorkBudget,
    common_prefix_length,
    common_suffix_length,
    matching_blocks,
    merge_adjacent,
)
from workstation.core.diff.tokens import NonSpaceTokens


class _Side:
    """One text's tokens as ints, with the word positions pass 1 needs."""

    def __init__(self, tokens: NonSpaceTokens, ids: list[int]) -> None:
        self.tokens = tokens
        self.ids = ids
        self.word_positions = list(compress(range(len(ids)), tokens.is_word))
        self.word_ids = [ids[position] for position in self.word_positions]


def _intern(a: NonSpaceTokens, b: NonSpaceTokens) -> tuple[_Side, _Side]:
    """Give each distinct token text an int so comparisons and hashing stay cheap."""
    table: dict[str, int] = {}
    a_ids = [table.setdefault(text, len(table)) for text in a.texts]
    b_ids = [table.setdefault(text, len(table)) for text in b.texts]
    return _Side(a, a_ids), _Side(b, b_ids)


class _Aligner:
    """Two-pass (words, then punctuation) alignment of token ranges of two sides."""

    def __init__(self, a: _Side, b: _Side, budget: WorkBudget) -> None:
        self.a = a
        self.b = b
        self.budget = budget
        self.blocks: list[Block] = []

    def align_range(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> None:
        """Align tokens ``a[a_lo:a_hi]`` with ``b[b_lo:b_hi]``, appending matched runs."""
        a, b = self.a, self.b
        a_words_lo = bisect_left(a.word_positions, a_lo)
        a_words_hi = bisect_left(a.word_positions, a_hi)
        b_words_lo = bisect_left(b.word_positions, b_lo)
        b_words_hi = bisect_left(b.word_positions, b_hi)
        word_blocks = matching_blocks(
            a.word_ids[a_words_lo:a_words_hi], b.word_ids[b_words_lo:b_words_hi], self.budget
        )
        previous_a, previous_b = a_lo, b_lo
        for word_a, word_b, length in word_blocks:
            first_a = a.word_positions[a_words_lo + word_a]
            first_b = b.word_positions[b_words_lo + word_b]
            last_a = a.word_positions[a_words_lo + word_a + length - 1] + 1
            last_b = b.word_positions[b_words_lo + word_b + length - 1] + 1
            self._align_punctuation(previous_a, first_a, previous_b, first_b)
            self._align_same_words(first_a, last_a, first_b, last_b)
            previous_a, previous_b = last_a, last_b
        self._align_punctuation(previous_a, a_hi, previous_b, b_hi)

    def _align_same_words(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> None:
        """Align two token ranges known to hold the same words; only punctuation may differ."""
        a_ids, b_ids = self.a.ids, self.b.ids
        head = common_prefix_length(a_ids, a_lo, a_hi, b_ids, b_lo, b_hi)
        if head:
            self.blocks.append((a_lo, b_lo, head))
        if a_lo + head == a_hi and b_lo + head == b_hi:
            return
        tail = common_suffix_length(a_ids, a_lo + head, a_hi, b_ids, b_lo + head, b_hi)
        if tail:
            self.blocks.append((a_hi - tail, b_hi - tail, tail))
        # Walk the remaining words in lockstep, aligning the punctuation between them.
        a_positions, b_positions = self.a.word_positions, self.b.word_positions
        a_word = bisect_left(a_positions, a_lo + head)
        b_word = bisect_left(b_positions, b_lo + head)
        cursor_a, cursor_b = a_lo + head, b_lo + head
        end_a, end_b = a_hi - tail, b_hi - tail
        while a_word < len(a_positions) and a_positions[a_word] < end_a:
            position_a, position_b = a_positions[a_word], b_positions[b_word]
            self._align_punctuation(cursor_a, position_a, cursor_b, position_b)
            self.blocks.append((position_a, position_b, 1))
            cursor_a, cursor_b = position_a + 1, position_b + 1
            a_word += 1
            b_word += 1
        self._align_punctuation(cursor_a, end_a, cursor_b, end_b)

    def _align_punctuation(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> None:
        """Match punctuation in a gap where no word can match (words become unique sentinels)."""
        if a_lo >= a_hi or b_lo >= b_hi:
            return
        a_is_word, b_is_word = self.a.tokens.is_word, self.b.tokens.is_word
        if all(a_is_word[a_lo:a_hi]) or all(b_is_word[b_lo:b_hi]):
            return  # no punctuation on one side: nothing can match (the usual case)
        a_ids, b_ids = self.a.ids, self.b.ids
        a_gap = [-1 - index if a_is_word[index] else a_ids[index] for index in range(a_lo, a_hi)]
        offset = len(a_ids) + 1
        b_gap = [-offset - index if b_is_word[index] else b_ids[index] for index in range(b_lo, b_hi)]
        for gap_a, gap_b, length in matching_blocks(a_gap, b_gap, self.budget):
            self.blocks.append((a_lo + gap_a, b_lo + gap_b, length))


def align_region_tokens(a: NonSpaceTokens, b: NonSpaceTokens, budget: WorkBudget) -> list[Block]:
    """Matched runs (token indices) aligning two tokenized regions, words first, then punctuation."""
    side_a, side_b = _intern(a, b)
    aligner = _Aligner(side_a, side_b, budget)
    aligner.align_range(0, len(side_a.ids), 0, len(side_b.ids))
    return merge_adjacent(sorted(aligner.blocks))


def word_prefix_counts(tokens: NonSpaceTokens) -> list[int]:
    """``counts[i]`` = number of words among the first ``i`` tokens (for per-chunk word counts)."""
    return list(accumulate(tokens.is_word, initial=0))
