"""Diff two texts region by region: paragraphs first, then words inside changed paragraphs.

Aligning paragraphs (lines, with the blank lines after them) first is what keeps the live diff
cheap: unchanged paragraphs are matched by a hash of their text, and only the paragraphs that
changed are tokenized and aligned word by word, with a cache of those region diffs. The result
is the same as a whole-text word diff except in rare cases (text moved between paragraphs that
also match elsewhere; ``worddiff`` catches the case where that would hide identical words).

When the changed paragraphs hold more than ``max_tokens`` pieces in all, they are split again at
sentence ends and aligned sentence by sentence. If the changed sentences still hold more, none
is aligned word by word (only their identical first and last tokens are matched), and every
alignment draws on a work budget proportional to its size; either way the diff is marked
``coarse``. So huge or adversarial inputs finish in bounded time.

Every cut made here lies next to whitespace, so it never splits a token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple, TypeGuard

from workstation.core.diff.align import (
    WorkBudget,
    common_prefix_length,
    common_suffix_length,
    matching_blocks,
)
from workstation.core.diff.chunking import (
    ChangeSpan,
    RegionSide,
    absorb_small_equalities,
    new_tuple,
    opcodes_from_blocks,
    region_changes,
)
from workstation.core.diff.result import ChunkTag
from workstation.core.diff.token_alignment import align_region_tokens, word_prefix_counts
from workstation.core.diff.tokens import count_words, scan_non_space

# Unit levels, from coarse to fine: paragraphs (a line plus the blank lines after it), then
# sentences (cut after sentence-final punctuation and the whitespace after it).
_PARAGRAPHS, _SENTENCES = 0, 1
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u2019\u201d)\]]*\s+")


# Aligner work allowed per token of a region (see ``align.WorkBudget``), with a floor for tiny ones.
_BUDGET_PER_TOKEN = 60
_BUDGET_FLOOR = 20_000
# Changed regions over this many code points (both sides together) are first aligned sentence by
# sentence: a heavy rewrite edits every paragraph, but leaves many sentences as they were, and
# those anchor the alignment so a keystroke re-diffs one stretch between them, not the text.
_SENTENCE_ANCHOR_CHARS = 2_000
# Regions up to this many code points (both sides together) have their diff cached.
_CACHED_REGION_CHARS = 100_000


@lru_cache(maxsize=32_768)
def _unit_words(key: str) -> int:
    """Words in one paragraph or sentence; cached because unchanged units recur every keystroke."""
    return count_words(key)


type _RegionResult = tuple[
    tuple[tuple[ChunkTag, int, int, int, int, int, int, int, int], ...], int, int, bool
]
"""Changes of one region, offsets and words-before from the region's start, as the fields of
:class:`ChangeSpan`; the region's words on each side; whether it was not (fully) aligned word by
word (too big, or out of budget). Plain tuples of strings and numbers: the cyclic garbage
collector stops tracking those, and the cache holds thousands (a full collection walked them all).
"""


def _diff_word_region(a_region: str, b_region: str, cleanup: bool, give_up: bool) -> _RegionResult:
    """Word-level diff of two regions; with ``give_up`` only their identical ends are matched."""
    tokens_a = scan_non_space(a_region)
    tokens_b = scan_non_space(b_region)
    side_a = RegionSide(a_region, tokens_a, word_prefix_counts(tokens_a))
    side_b = RegionSide(b_region, tokens_b, word_prefix_counts(tokens_b))
    count_a, count_b = len(tokens_a.texts), len(tokens_b.texts)
    budget = WorkBudget(max(_BUDGET_FLOOR, _BUDGET_PER_TOKEN * (count_a + count_b)))
    if give_up:  # only the identical head and tail (a cheap C-speed comparison) are matched
        head = common_prefix_length(tokens_a.texts, 0, count_a, tokens_b.texts, 0, count_b)
        tail = common_suffix_length(tokens_a.texts, head, count_a, tokens_b.texts, head, count_b)
        blocks = [block for block in ((0, 0, head), (count_a - tail, count_b - tail, tail)) if block[2]]
    elif count_a and count_b:
        blocks = align_region_tokens(tokens_a, tokens_b, budget)
    else:
        blocks = []
    opcodes = opcodes_from_blocks(blocks, count_a, count_b)
    if cleanup:
        opcodes = absorb_small_equalities(opcodes, side_a, side_b)
    # tuple() of a ChangeSpan is its fields in order, which the type checker cannot see.
    changes = tuple(map(tuple, region_changes(opcodes, side_a, side_b)))
    return changes, side_a.word_prefix[-1], side_b.word_prefix[-1], give_up or budget.exhausted  # type: ignore[return-value]


# The writer edits one paragraph at a time: every other changed paragraph is a cache hit.
_cached_diff_word_region = lru_cache(maxsize=4096)(_diff_word_region)


def clear_region_caches() -> None:
    """Empty the unit word-count, sentence plan and region diff caches."""
    _unit_words.cache_clear()
    _sentence_plan.cache_clear()
    _cached_diff_word_region.cache_clear()


class _Region(NamedTuple):
    """A changed stretch: ``a_text[a_lo:a_hi]`` against ``b_text[b_lo:b_hi]``."""

    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int


# A plan is the middle of the texts in order: matched units (their word count, the same on
# both sides) and changed regions still to be diffed.
_Step = int | _Region


def _spans_sentences(region: _Region) -> bool:
    """Whether a changed region is big enough to be anchored on its unchanged sentences first."""
    return (region.a_hi - region.a_lo) + (region.b_hi - region.b_lo) > _SENTENCE_ANCHOR_CHARS


def _needs_alignment(step: _Step) -> TypeGuard[_Region]:
    """Changed regions with text on both sides; the others are pure insertions or deletions."""
    return isinstance(step, _Region) and step.a_lo < step.a_hi and step.b_lo < step.b_hi


def _units(text: str, lo: int, hi: int, level: int) -> tuple[list[int], list[str]]:
    """Unit boundaries (``lo``, ..., ``hi``) of ``text[lo:hi]`` and each unit's key."""
    bounds = [lo]
    if level == _PARAGRAPHS:
        # str.splitlines runs in C and knows every line break; a regex scan is 10x slower.
        position = lo
        for line in text[lo:hi].splitlines(keepends=True):
            if position > lo and not line.isspace():
                bounds.append(position)
            position += len(line)
    else:
        bounds.extend(match.end() for match in _SENTENCE_END.finditer(text, lo, hi))
        if len(bounds) > 1 and bounds[-1] == hi:
            bounds.pop()
    bounds.append(hi)
    keys = [text[start:end].rstrip() for start, end in pairwise(bounds)]
    return bounds, keys


def _plan_units(a_text: str, b_text: str, region: _Region, level: int) -> tuple[list[_Step], bool]:
    """Matched units (as word counts) and the changed regions between them, for one region of
    the two texts; and whether the alignment ran out of its work budget."""
    a_bounds, a_keys = _units(a_text, region.a_lo, region.a_hi, level)
    b_bounds, b_keys = _units(b_text, region.b_lo, region.b_hi, level)
    table: dict[str, int] = {}
    a_ids = [table.setdefault(key, len(table)) for key in a_keys]
    b_ids = [table.setdefault(key, len(table)) for key in b_keys]
    budget = WorkBudget(max(_BUDGET_FLOOR, _BUDGET_PER_TOKEN * (len(a_ids) + len(b_ids))))
    blocks = matching_blocks(a_ids, b_ids, budget)
    plan: list[_Step] = []
    previous_a = previous_b = 0
    for unit_a, unit_b, length in [*blocks, (len(a_ids), len(b_ids), 0)]:
        gap = _Region(a_bounds[previous_a], a_bounds[unit_a], b_bounds[previous_b], b_bounds[unit_b])
        if gap.a_lo < gap.a_hi or gap.b_lo < gap.b_hi:
            plan.append(gap)
        if length:
            # Equal keys hold identical tokens, so one side's word count serves both.
            plan.append(sum(_unit_words(key) for key in a_keys[unit_a : unit_a + length]))
        previous_a, previous_b = unit_a + length, unit_b + length
    return plan, budget.exhausted


@lru_cache(maxsize=2048)
def _sentence_plan(a_part: str, b_part: str) -> tuple[tuple[_Step, ...], bool]:
    """The sentence plan of one changed paragraph pair, offsets from the parts' starts.

    Remembered because a keystroke changes one paragraph: a heavy rewrite changes every
    paragraph, and re-planning all of them took about a quarter of a keystroke's diff at 5,000
    words. Sentence ends are found without anchors or look-arounds, so a part planned alone
    gives the plan of the same stretch inside its text, shifted.
    """
    plan, exhausted = _plan_units(a_part, b_part, _Region(0, len(a_part), 0, len(b_part)), _SENTENCES)
    return tuple(plan), exhausted


def _shifted(plan: tuple[_Step, ...], a_by: int, b_by: int) -> list[_Step]:
    """A plan's regions moved by ``a_by`` and ``b_by`` code points (word counts stay)."""
    return [
        step
        if isinstance(step, int)
        else _Region(step.a_lo + a_by, step.a_hi + a_by, step.b_lo + b_by, step.b_hi + b_by)
        for step in plan
    ]


class RegionDiffer:
    """Walks two texts in order, collecting changes and counting words on the way.

    ``max_tokens`` caps the work: when the changed paragraphs hold more whitespace-separated
    pieces than that (both sides together), they are aligned sentence by sentence first; when
    the changed sentences still hold more, none of them is aligned word by word (``coarse``).
    The whole text gets the same treatment, so a diff never turns coarse halfway through.
    """

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
        whole = _Region(a_lo, a_hi, b_lo, b_hi)
        plan: list[_Step] = self._align_units(whole, _PARAGRAPHS) if by_units else [whole]
        give_up = False
        over_limit = self._alignment_size(plan) > self.max_tokens
        if by_units:
            plan = [
                piece
                for step in plan
                for piece in (
                    self._align_units(step, _SENTENCES)
                    if _needs_alignment(step) and (over_limit or _spans_sentences(step))
                    else [step]
                )
            ]
        if over_limit:
            give_up = self._alignment_size(plan) > self.max_tokens
        for step in plan:
            if isinstance(step, int):
                self.a_words += step
                self.b_words += step
            else:
                self._diff_region(step, give_up)

    def _alignment_size(self, plan: list[_Step]) -> int:
        """Whitespace-separated pieces (a cheap lower bound of tokens) in regions to align."""
        regions = [step for step in plan if _needs_alignment(step)]
        characters = sum((r.a_hi - r.a_lo) + (r.b_hi - r.b_lo) for r in regions)
        if characters <= self.max_tokens:
            return characters  # every piece holds at least one character
        return sum(
            len(self.a_text[r.a_lo : r.a_hi].split()) + len(self.b_text[r.b_lo : r.b_hi].split())
            for r in regions
        )

    def _align_units(self, region: _Region, level: int) -> list[_Step]:
        """Plan for one region: matched units (as word counts) and the changed regions between.

        A paragraph pair's sentence plan is remembered (see :func:`_sentence_plan`)."""
        if level == _SENTENCES:
            plan, exhausted = _sentence_plan(
                self.a_text[region.a_lo : region.a_hi], self.b_text[region.b_lo : region.b_hi]
            )
            steps = _shifted(plan, region.a_lo, region.b_lo)
        else:
            steps, exhausted = _plan_units(self.a_text, self.b_text, region, level)
        self.coarse = self.coarse or exhausted
        return steps

    def _diff_region(self, region: _Region, give_up: bool) -> None:
        """Word-level diff of a changed region (or only its identical ends, when giving up)."""
        a_lo, a_hi, b_lo, b_hi = region
        a_region, b_region = self.a_text[a_lo:a_hi], self.b_text[b_lo:b_hi]
        give_up = give_up and a_lo < a_hi and b_lo < b_hi
        cacheable = len(a_region) + len(b_region) <= _CACHED_REGION_CHARS
        differ = _cached_diff_word_region if cacheable else _diff_word_region
        changes, region_a_words, region_b_words, incomplete = differ(
            a_region, b_region, self.cleanup, give_up
        )
        self.coarse = self.coarse or incomplete
        a_words, b_words = self.a_words, self.b_words
        self.changes.extend(
            new_tuple(
                ChangeSpan,
                (
                    tag,
                    a_start + a_lo,
                    a_end + a_lo,
                    b_start + b_lo,
                    b_end + b_lo,
                    a_count,
                    b_count,
                    a_before + a_words,
                    b_before + b_words,
                ),
            )
            for tag, a_start, a_end, b_start, b_end, a_count, b_count, a_before, b_before in changes
        )
        self.a_words += region_a_words
        self.b_words += region_b_words
