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
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from workstation.core.diff.align import (
    WorkBudget,
    common_prefix_length,
    common_suffix_length,
    matching_blocks,
)
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


# Aligner work allowed per token of a region (see ``align.WorkBudget``), with a floor for tiny ones.
_BUDGET_PER_TOKEN = 60
_BUDGET_FLOOR = 20_000
# Regions up to this many code points (both sides together) have their diff cached.
_CACHED_REGION_CHARS = 200_000


@lru_cache(maxsize=32_768)
def _unit_words(key: str) -> int:
    """Words in one paragraph or sentence; cached because unchanged units recur every keystroke."""
    return count_words(key)


@dataclass(frozen=True, slots=True)
class _RegionResult:
    """Changes of one region with offsets and ``*_words_before`` relative to the region's start."""

    changes: tuple[ChangeSpan, ...]
    a_words: int
    b_words: int
    incomplete: bool  # not (fully) aligned word by word: too big, or out of budget


def _diff_word_region(a_region: str, b_region: str, cleanup: bool, give_up: bool) -> _RegionResult:
    """Word-level diff of two regions; with ``give_up`` the whole region is one replacement."""
    tokens_a = scan_non_space(a_region)
    tokens_b = scan_non_space(b_region)
    words_a = word_prefix_counts(tokens_a)
    words_b = word_prefix_counts(tokens_b)
    count_a, count_b = len(tokens_a.texts), len(tokens_b.texts)
    budget = WorkBudget(max(_BUDGET_FLOOR, _BUDGET_PER_TOKEN * (count_a + count_b)))
    if give_up:  # only the identical head and tail (a cheap C-speed comparison) are matched
        head = common_prefix_length(tokens_a.texts, 0, count_a, tokens_b.texts, 0, count_b)
        tail = common_suffix_length(tokens_a.texts, head, count_a, tokens_b.texts, head, count_b)
        blocks = [(0, 0, head), (count_a - tail, count_b - tail, tail)]
        blocks = [block for block in blocks if block[2]]
    elif count_a and count_b:
        blocks = align_region_tokens(tokens_a, tokens_b, budget)
    else:
        blocks = []
    opcodes = opcodes_from_blocks(blocks, count_a, count_b)
    if cleanup:
        opcodes = absorb_small_equalities(opcodes, words_a, words_b)
    changes = region_changes(opcodes, (tokens_a, tokens_b), (words_a, words_b), (0, 0), (0, 0))
    return _RegionResult(tuple(changes), words_a[-1], words_b[-1], give_up or budget.exhausted)


# The writer edits one paragraph at a time: every other changed paragraph is a cache hit.
_cached_diff_word_region = lru_cache(maxsize=256)(_diff_word_region)


def clear_region_caches() -> None:
    """Empty the unit word-count and region diff caches."""
    _unit_words.cache_clear()
    _cached_diff_word_region.cache_clear()


class RegionDiffer:
    """Walks two texts in order, collecting changes and counting words on the way."""

    def __init__(
        self,
        a_text: str,
        b_text: str,
        *,
        max_tokens: int,
        cleanup: bool,
        words_before: tuple[int, int],
    ) -> None:
        self.a_text = a_text
        self.b_text = b_text
        self.max_tokens = max_tokens
        self.cleanup = cleanup
        self.changes: list[ChangeSpan] = []
        self.a_words, self.b_words = words_before  # words seen so far on each side
        self.coarse = False

    def diff(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, *, by_units: bool = True) -> None:
        """Diff ``a_text[a_lo:a_hi]`` against ``b_text[b_lo:b_hi]`` (cuts next to whitespace).

        ``by_units=False`` aligns the whole stretch word by word in one go (within ``max_tokens``).
        """
        if by_units:
            self._by_units(a_lo, a_hi, b_lo, b_hi, level=0)
        else:
            self._region(a_lo, a_hi, b_lo, b_hi, level=len(_UNIT_BOUNDARIES) - 1)

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
        budget = WorkBudget(max(_BUDGET_FLOOR, _BUDGET_PER_TOKEN * (len(a_ids) + len(b_ids))))
        blocks = matching_blocks(a_ids, b_ids, budget)
        self.coarse = self.coarse or budget.exhausted
        previous_a = previous_b = 0
        for unit_a, unit_b, length in [*blocks, (len(a_ids), len(b_ids), 0)]:
            self._region(
                a_bounds[previous_a], a_bounds[unit_a], b_bounds[previous_b], b_bounds[unit_b], level
            )
            if length:
                # Equal keys hold identical tokens, so one side's word count serves both.
                words = sum(_unit_words(key) for key in a_keys[unit_a : unit_a + length])
                self.a_words += words
                self.b_words += words
            previous_a, previous_b = unit_a + length, unit_b + length

    def _too_big(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> bool:
        """Whether a region with text on both sides holds more than ``max_tokens`` on one side."""
        if a_lo == a_hi or b_lo == b_hi or (a_hi - a_lo) + (b_hi - b_lo) <= self.max_tokens:
            return False
        # Whitespace-separated pieces: a cheap lower bound of the token count.
        pieces = max(len(self.a_text[a_lo:a_hi].split()), len(self.b_text[b_lo:b_hi].split()))
        return pieces > self.max_tokens

    def _region(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, level: int) -> None:
        """A changed stretch between matched units: refine it, split it further, or give up."""
        if a_lo == a_hi and b_lo == b_hi:
            return
        too_big = self._too_big(a_lo, a_hi, b_lo, b_hi)
        if too_big and level + 1 < len(_UNIT_BOUNDARIES):
            self._by_units(a_lo, a_hi, b_lo, b_hi, level + 1)
            return
        a_region, b_region = self.a_text[a_lo:a_hi], self.b_text[b_lo:b_hi]
        cacheable = len(a_region) + len(b_region) <= _CACHED_REGION_CHARS
        differ = _cached_diff_word_region if cacheable else _diff_word_region
        result = differ(a_region, b_region, self.cleanup, too_big)
        self.coarse = self.coarse or result.incomplete
        a_words, b_words = self.a_words, self.b_words
        self.changes.extend(
            ChangeSpan(
                change.tag,
                change.a_start + a_lo,
                change.a_end + a_lo,
                change.b_start + b_lo,
                change.b_end + b_lo,
                change.a_words,
                change.b_words,
                change.a_words_before + a_words,
                change.b_words_before + b_words,
            )
            for change in result.changes
        )
        self.a_words += result.a_words
        self.b_words += result.b_words
