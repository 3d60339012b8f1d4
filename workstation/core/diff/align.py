"""Align two sequences of ints: the engine under the word diff.

The strategy is the one that gives readable diffs of prose, not the shortest edit script:

1. Trim the common head and tail of the region (cheap and, for a one-keystroke edit, all there
   is to do).
2. **Patience step**: elements that occur exactly once in each side are anchors; the longest
   chain of anchors in the same order on both sides (longest increasing subsequence) is kept,
   and the gaps between anchors are aligned recursively. Rare words such as names and content
   words make good anchors; "the" and commas do not get to pull the alignment around.
3. **Histogram step**, when a region has no unique common element: split on the longest common
   run that goes through the region's rarest common element, then recurse on both sides.
4. A region with nothing in common is a replacement.

Every region scanned spends its size from a ``WorkBudget``; once the budget is gone, the regions
still waiting are left unaligned (they become replacements), so huge or adversarial inputs finish
in bounded time. The caller learns about it through ``WorkBudget.exhausted``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence

# A run of equal elements: a[a_index:a_index+length] == b[b_index:b_index+length].
Block = tuple[int, int, int]

# How many occurrence pairs of the rarest element the histogram step may try per region.
_MAX_PAIRS_TRIED = 64
# Below this many elements a linear scan for the common head/tail beats galloping slices.
_LINEAR_SCAN_LIMIT = 16


class WorkBudget:
    """Element visits the aligner may still spend; shared across calls for one diff."""

    def __init__(self, units: int) -> None:
        self.remaining = units
        self.exhausted = False

    def spend(self, units: int) -> bool:
        """Take ``units`` from the budget; False (and ``exhausted`` set) when there is not enough."""
        if units > self.remaining:
            self.exhausted = True
            return False
        self.remaining -= units
        return True


def common_prefix_length(
    a: Sequence[Hashable], a_lo: int, a_hi: int, b: Sequence[Hashable], b_lo: int, b_hi: int
) -> int:
    """Length of the common head of ``a[a_lo:a_hi]`` and ``b[b_lo:b_hi]``.

    Scans a few elements one by one, then gallops with slice comparisons (done in C), so a
    50,000-element identical head costs microseconds, not a Python loop.
    """
    limit = min(a_hi - a_lo, b_hi - b_lo)
    matched = 0
    while matched < limit and matched < _LINEAR_SCAN_LIMIT:
        if a[a_lo + matched] != b[b_lo + matched]:
            return matched
        matched += 1
    if matched < limit:
        step = _LINEAR_SCAN_LIMIT
        while matched < limit:
            size = min(step, limit - matched)
            if a[a_lo + matched : a_lo + matched + size] != b[b_lo + matched : b_lo + matched + size]:
                break
            matched += size
            step *= 2
        else:
            return matched
        low, high = 0, size - 1  # a mismatch lies within the last failed window
        while low < high:
            middle = (low + high + 1) // 2
            if a[a_lo + matched : a_lo + matched + middle] == b[b_lo + matched : b_lo + matched + middle]:
                low = middle
            else:
                high = middle - 1
        matched += low
    return matched


def common_suffix_length(
    a: Sequence[Hashable], a_lo: int, a_hi: int, b: Sequence[Hashable], b_lo: int, b_hi: int
) -> int:
    """Length of the common tail of ``a[a_lo:a_hi]`` and ``b[b_lo:b_hi]`` (see the prefix twin)."""
    limit = min(a_hi - a_lo, b_hi - b_lo)
    matched = 0
    while matched < limit and matched < _LINEAR_SCAN_LIMIT:
        if a[a_hi - 1 - matched] != b[b_hi - 1 - matched]:
            return matched
        matched += 1
    if matched < limit:
        step = _LINEAR_SCAN_LIMIT
        while matched < limit:
            size = min(step, limit - matched)
            if a[a_hi - matched - size : a_hi - matched] != b[b_hi - matched - size : b_hi - matched]:
                break
            matched += size
            step *= 2
        else:
            return matched
        low, high = 0, size - 1
        while low < high:
            middle = (low + high + 1) // 2
            if a[a_hi - matched - middle : a_hi - matched] == b[b_hi - matched - middle : b_hi - matched]:
                low = middle
            else:
                high = middle - 1
        matched += low
    return matched


def _longest_increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``pairs`` (given in b order) whose a indices increase (patience sort)."""
    pile_tops: list[int] = []  # smallest a index ending a chain of each length
    pile_top_pair: list[int] = []  # index into pairs of that chain end
    previous: list[int] = [-1] * len(pairs)
    for pair_index, (a_index, _b_index) in enumerate(pairs):
        pile = bisect_left(pile_tops, a_index)
        if pile > 0:
            previous[pair_index] = pile_top_pair[pile - 1]
        if pile == len(pile_tops):
            pile_tops.append(a_index)
            pile_top_pair.append(pair_index)
        else:
            pile_tops[pile] = a_index
            pile_top_pair[pile] = pair_index
    chain: list[tuple[int, int]] = []
    cursor = pile_top_pair[-1] if pile_top_pair else -1
    while cursor >= 0:
        chain.append(pairs[cursor])
        cursor = previous[cursor]
    chain.reverse()
    return chain


def _rarest_common_run(
    a: Sequence[int],
    a_lo: int,
    a_hi: int,
    b: Sequence[int],
    b_lo: int,
    b_hi: int,
    counts_a: Counter[int],
    counts_b: Counter[int],
) -> Block | None:
    """Longest common run through an occurrence pair of the rarest shared element, or None."""
    shared = counts_a.keys() & counts_b.keys()
    if not shared:
        return None
    rarest = min(shared, key=lambda element: (counts_a[element] * counts_b[element], element))
    positions_a = [index for index in range(a_lo, a_hi) if a[index] == rarest]
    positions_b = [index for index in range(b_lo, b_hi) if b[index] == rarest]
    best: Block | None = None
    tried = 0
    for a_index in positions_a:
        for b_index in positions_b:
            if tried >= _MAX_PAIRS_TRIED:
                return best
            tried += 1
            start_a, start_b = a_index, b_index
            while start_a > a_lo and start_b > b_lo and a[start_a - 1] == b[start_b - 1]:
                start_a -= 1
                start_b -= 1
            end_a, end_b = a_index + 1, b_index + 1
            while end_a < a_hi and end_b < b_hi and a[end_a] == b[end_b]:
                end_a += 1
                end_b += 1
            if best is None or end_a - start_a > best[2]:
                best = (start_a, start_b, end_a - start_a)
    return best


def matching_blocks(a: Sequence[int], b: Sequence[int], budget: WorkBudget) -> list[Block]:
    """Runs of equal elements aligning ``a`` with ``b``, sorted, non-overlapping, merged.

    Units of ``budget``: element visits (about one per element of each region scanned).
    """
    blocks: list[Block] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        a_lo, a_hi, b_lo, b_hi = regions.pop()
        head = common_prefix_length(a, a_lo, a_hi, b, b_lo, b_hi)
        if head:
            blocks.append((a_lo, b_lo, head))
            a_lo += head
            b_lo += head
        tail = common_suffix_length(a, a_lo, a_hi, b, b_lo, b_hi)
        if tail:
            blocks.append((a_hi - tail, b_hi - tail, tail))
            a_hi -= tail
            b_hi -= tail
        if a_lo == a_hi or b_lo == b_hi:
            continue
        if not budget.spend((a_hi - a_lo) + (b_hi - b_lo)):
            continue
        slice_a = a[a_lo:a_hi]
        slice_b = b[b_lo:b_hi]
        counts_a = Counter(slice_a)
        counts_b = Counter(slice_b)
        unique_common = {
            element for element, count in counts_a.items() if count == 1 and counts_b.get(element) == 1
        }
        if unique_common:
            position_in_a = {
                element: a_lo + k for k, element in enumerate(slice_a) if element in unique_common
            }
            pairs = [
                (position_in_a[element], b_lo + k)
                for k, element in enumerate(slice_b)
                if element in unique_common
            ]
            previous_a, previous_b = a_lo, b_lo
            for anchor_a, anchor_b in _longest_increasing_chain(pairs):
                blocks.append((anchor_a, anchor_b, 1))
                regions.append((previous_a, anchor_a, previous_b, anchor_b))
                previous_a, previous_b = anchor_a + 1, anchor_b + 1
            regions.append((previous_a, a_hi, previous_b, b_hi))
            continue
        run = _rarest_common_run(a, a_lo, a_hi, b, b_lo, b_hi, counts_a, counts_b)
        if run is not None:
            run_a, run_b, length = run
            blocks.append(run)
            regions.append((a_lo, run_a, b_lo, run_b))
            regions.append((run_a + length, a_hi, run_b + length, b_hi))
    return merge_adjacent(sorted(blocks))


def merge_adjacent(blocks: list[Block]) -> list[Block]:
    """Join sorted matched runs that continue each other; drop empty ones."""
    merged: list[Block] = []
    for a_index, b_index, length in blocks:
        if length <= 0:
            continue
        if merged:
            last_a, last_b, last_length = merged[-1]
            if last_a + last_length == a_index and last_b + last_length == b_index:
                merged[-1] = (last_a, last_b, last_length + length)
                continue
        merged.append((a_index, b_index, length))
    return merged
