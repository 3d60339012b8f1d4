"""Diff two texts region by region: paragraphs first, then words inside changed paragraphs.

Aligning paragraphs (line breaks) first is what keeps the live diff cheap: unchanged paragraphs
are matched by a hash of their text, and only the paragraphs that changed are tokenized and
aligned word by word. The result is the same as a whole-text word diff except in rare cases
(text moved between paragraphs that also match elsewhere).

When a changed region is still larger than ``max_tokens``, it is split again at sentence ends
and aligned sentence by sentence; a region that is too large even then, or any work beyond the
budget, becomes one coarse ``replace`` (``coarse=True``) so huge inputs finish in bounded time.

Every cut made here lies next to whitespace, so it never splits a token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from workstation.core.diff.align import WorkBudget, matching_blocks
from workstation.core.diff.chunking import (
    ChangeSpan,
    absorb_small_equalities,
    opcodes_from_blocks,
    region_changes,
)
from workstation.core.diff.token_alignment import align_region_tokens, word_prefix_counts
from workstation.core.diff.tokens import count_words, scan_non_space

# Unit boundaries, from coarse to fine: after a line break (and the blank lines and indentation
# that follow it), then after sentence-final punctuation plus whitespace.
_UNIT_BOUNDARIES = (
    re.compile(r"(?:\r\n|[\n\r\u2028\u2029])\s*"),
    re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u2019\u201d)\]]*\s+"),
)


@lru_cache(maxsize=32_768)
def _unit_words(key: str) -> int:
    """Words in one paragraph or sentence; cached because unchanged units recur every keystroke."""
    return count_words(key)


class RegionDiffer:
    """Walks two texts in order, collecting changes and counting words on the way."""

    def __init__(
        self,
        a_text: str,
        b_text: str,
        *,
        max_tokens: int,
        cleanup: bool,
        budget: WorkBudget,
        words_before: tuple[int, int],
    ) -> None:
        self.a_text = a_text
        self.b_text = b_text
        self.max_tokens = max_tokens
        self.cleanup = cleanup
        self.budget = budget
        self.changes: list[ChangeSpan] = []
        self.a_words, self.b_words = words_before  # words seen so far on each side
        self.coarse = False

    def diff(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> None:
        """Diff ``a_text[a_lo:a_hi]`` against ``b_text[b_lo:b_hi]`` (cuts next to whitespace)."""
        self._by_units(a_lo, a_hi, b_lo, b_hi, level=0)

    def _units(self, text: str, lo: int, hi: int, level: int) -> tuple[list[int], list[str]]:
        starts = [lo]
        starts.extend(match.end() for match in _UNIT_BOUNDARIES[level].finditer(text, lo, hi))
        if starts[-1] == hi and len(starts) > 1:
            starts.pop()
        bounds = [*starts, hi]
        keys = [text[start:end].rstrip() for start, end in pairwise(bounds)]
        return bounds, keys

    def _by_units(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, level: int) -> None:
        a_bounds, a_keys = self._units(self.a_text, a_lo, a_hi, level)
        b_bounds, b_keys = self._units(self.b_text, b_lo, b_hi, level)
        table: dict[str, int] = {}
        a_ids = [table.setdefault(key, len(table)) for key in a_keys]
        b_ids = [table.setdefault(key, len(table)) for key in b_keys]
        previous_a = previous_b = 0
        for unit_a, unit_b, length in [
            *matching_blocks(a_ids, b_ids, self.budget),
            (len(a_ids), len(b_ids), 0),
        ]:
            self._region(
                a_bounds[previous_a], a_bounds[unit_a], b_bounds[previous_b], b_bounds[unit_b], level
            )
            if length:
                # Equal keys hold identical tokens, so one side's word count serves both.
                words = sum(_unit_words(key) for key in a_keys[unit_a : unit_a + length])
                self.a_words += words
                self.b_words += words
            previous_a, previous_b = unit_a + length, unit_b + length

    def _rough_size(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> int:
        """Whitespace-separated pieces on the larger side: a cheap lower bound of its token count."""
        return max(len(self.a_text[a_lo:a_hi].split()), len(self.b_text[b_lo:b_hi].split()))

    def _region(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, level: int) -> None:
        """A changed stretch between matched units: refine it, split it further, or give up."""
        if a_lo == a_hi and b_lo == b_hi:
            return
        both_sides = a_lo < a_hi and b_lo < b_hi
        too_big = both_sides and self._rough_size(a_lo, a_hi, b_lo, b_hi) > self.max_tokens
        if too_big and level + 1 < len(_UNIT_BOUNDARIES):
            self._by_units(a_lo, a_hi, b_lo, b_hi, level + 1)
            return
        tokens_a = scan_non_space(self.a_text[a_lo:a_hi], a_lo)
        tokens_b = scan_non_space(self.b_text[b_lo:b_hi], b_lo)
        words_a = word_prefix_counts(tokens_a)
        words_b = word_prefix_counts(tokens_b)
        count_a, count_b = len(tokens_a.texts), len(tokens_b.texts)
        if too_big:
            self.coarse = True
            blocks = []
        elif count_a and count_b:
            blocks = align_region_tokens(tokens_a, tokens_b, self.budget)
        else:
            blocks = []
        opcodes = opcodes_from_blocks(blocks, count_a, count_b)
        if self.cleanup:
            opcodes = absorb_small_equalities(opcodes, words_a, words_b)
        self.changes.extend(
            region_changes(
                opcodes, (tokens_a, tokens_b), (words_a, words_b), (a_lo, b_lo), (self.a_words, self.b_words)
            )
        )
        self.a_words += words_a[-1]
        self.b_words += words_b[-1]
