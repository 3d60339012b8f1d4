"""``diff_words``: the word diff the editor runs on every (debounced) keystroke.

Whitespace policy: whitespace is not diffed. Words and punctuation are aligned; the whitespace
between them goes to the surrounding chunks. So a double space, a changed line break, CRLF vs
LF, or a paragraph split or merged never creates a change, and ``equal`` chunks may differ in
whitespace only (two texts that differ only in whitespace give ``has_changes == False``; the
inline view still shows such whitespace edits). Joining two words ("to day" -> "today") or
splitting one is a word change, because the tokens differ.

How it stays fast:

1. The common head and tail are found on characters (C-speed slice comparisons) and snapped
   back to a token boundary; only the middle is looked at. Word counts of the untouched head
   and tail come from a small cache of the original's word offsets (the original does not
   change while the writer types).
2. The middle is aligned paragraph by paragraph first (``regions``), and only changed
   paragraphs are tokenized and aligned word by word; their diffs are cached, so a keystroke
   re-diffs one paragraph.
3. If paragraph matching ever hides that both texts have the same tokens (or words), the
   middle is re-aligned in one go, so identical words never show up as word changes.

Caches are pure memos (same input, same output); ``clear_diff_caches`` empties them.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from workstation.core.diff.chunking import ChangeSpan, assemble_chunks
from workstation.core.diff.regions import RegionDiffer, clear_region_caches
from workstation.core.diff.result import Chunk, WordDiff
from workstation.core.diff.tokens import count_words, scan_non_space

DEFAULT_MAX_TOKENS = 120_000
"""Most words and punctuation marks (both texts together, counted cheaply as whitespace-separated
pieces) that one diff aligns word by word: about 0.5 s of work. Beyond it the changed paragraphs
are first narrowed down to changed sentences; if those still hold more, they are only compared
coarsely (``WordDiff.coarse``)."""

# Up to this many code points of untouched head and tail, count their words directly instead of
# tokenizing (and caching) the whole original.
_DIRECT_COUNT_LIMIT = 4_000
# How far (code points) to look for a token boundary when snapping the common head/tail.
_SNAP_WINDOW = 512
# Han, Hiragana and Katakana characters (each one is a word): a token boundary precedes each.
_CJK_CLASS = "[\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_BOUNDARY = rf"(?:\s(?=\S)|(?=(?=\w){_CJK_CLASS}))"
_LAST_BOUNDARY = re.compile(rf"(?s).*{_BOUNDARY}")
_FIRST_BOUNDARY = re.compile(_BOUNDARY)


@dataclass(frozen=True, slots=True)
class _WordOffsets:
    """Start and end offsets of every word of a text, for counting words in a head or tail."""

    starts: array[int]
    ends: array[int]

    @property
    def total(self) -> int:
        return len(self.starts)


@lru_cache(maxsize=4)
def _word_offsets(text: str) -> _WordOffsets:
    tokens = scan_non_space(text)
    starts = array("q")
    ends = array("q")
    for start, end, is_word in zip(tokens.starts, tokens.ends, tokens.is_word, strict=True):
        if is_word:
            starts.append(start)
            ends.append(end)
    return _WordOffsets(starts, ends)


def clear_diff_caches() -> None:
    """Forget cached word offsets and region diffs (memory, or a cold start in benchmarks)."""
    _word_offsets.cache_clear()
    clear_region_caches()


def _common_prefix_chars(a: str, b: str) -> int:
    """Length of the common head of two strings.

    Gallops with doubling slice comparisons (done in C), then bisects the last window, so it
    copies about twice the common length instead of scanning in Python.
    """
    limit = min(len(a), len(b))
    matched, step = 0, 256
    while matched < limit:
        size = min(step, limit - matched)
        if a[matched : matched + size] != b[matched : matched + size]:
            low, high = 0, size - 1  # the first difference lies in this window
            while low < high:
                middle = (low + high + 1) // 2
                if a[matched : matched + middle] == b[matched : matched + middle]:
                    low = middle
                else:
                    high = middle - 1
            return matched + low
        matched += size
        step *= 2
    return matched


def _common_suffix_chars(a: str, b: str, limit: int) -> int:
    """Length of the common tail of two strings, at most ``limit`` (see ``_common_prefix_chars``)."""
    end_a, end_b = len(a), len(b)
    matched, step = 0, 256
    while matched < limit:
        size = min(step, limit - matched)
        if a[end_a - matched - size : end_a - matched] != b[end_b - matched - size : end_b - matched]:
            low, high = 0, size - 1
            while low < high:
                middle = (low + high + 1) // 2
                if (
                    a[end_a - matched - middle : end_a - matched]
                    == b[end_b - matched - middle : end_b - matched]
                ):
                    low = middle
                else:
                    high = middle - 1
            return matched + low
        matched += size
        step *= 2
    return matched


def _head_boundary(text: str, common_head: int) -> int:
    """Last token boundary strictly inside the common head (0 if none close enough).

    A boundary is just before a non-space character that follows whitespace, or just before a
    CJK character; tokens never straddle one, so both texts tokenize identically before it.
    """
    match = _LAST_BOUNDARY.match(text, max(0, common_head - _SNAP_WINDOW), common_head)
    return match.end() if match else 0


def _tail_boundary(text: str, common_tail: int) -> int:
    """First token boundary inside the common tail, as an offset in ``text`` (len(text) if none)."""
    tail_start = len(text) - common_tail
    match = _FIRST_BOUNDARY.search(text, tail_start, min(len(text), tail_start + _SNAP_WINDOW))
    return match.end() if match else len(text)


def _validate(original: object, rewrite: object, max_tokens: object) -> None:
    if not isinstance(original, str) or not isinstance(rewrite, str):
        raise TypeError("diff_words compares two str values")
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        raise ValueError(f"max_tokens must be a positive int, got {max_tokens!r}")


def diff_words(
    original: str,
    rewrite: str,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    cleanup: bool = True,
) -> WordDiff:
    """Align ``original`` (side a) with ``rewrite`` (side b) word by word.

    Returns chunks tiling both texts (code-point offsets). Punctuation is diffed like words but
    not counted as words. ``cleanup`` merges chaff (a lone comma or short function word matched
    between two multi-word changes) into one replacement, which reads better for heavy rewrites
    (see ``chunking.absorb_small_equalities``).
    ``max_tokens`` bounds the time spent on huge inputs (see ``DEFAULT_MAX_TOKENS``): when the
    changed paragraphs, then the changed sentences, hold more than that, the result is ``coarse``:
    each changed sentence is one replacement, trimmed of its identical first and last tokens.

    Raises TypeError for non-str texts and ValueError for a non-positive ``max_tokens``.
    """
    _validate(original, rewrite, max_tokens)
    if original == rewrite:
        if not original:
            return WordDiff((), 0, 0)
        words = _word_offsets(original).total
        length = len(original)
        return WordDiff((Chunk("equal", 0, length, 0, length, words, words),), length, length)

    common_head = _common_prefix_chars(original, rewrite)
    tail_limit = min(len(original), len(rewrite)) - common_head
    common_tail = _common_suffix_chars(original, rewrite, tail_limit)
    head_end = _head_boundary(original, common_head)
    tail_start_a = _tail_boundary(original, common_tail)
    kept_tail = len(original) - tail_start_a
    tail_start_b = len(rewrite) - kept_tail

    if head_end + kept_tail <= _DIRECT_COUNT_LIMIT:
        prefix_words = count_words(original[:head_end])
        suffix_words = count_words(original[tail_start_a:])
    else:  # while typing: the original's word offsets are cached, counting is two bisections
        offsets = _word_offsets(original)
        prefix_words = bisect_right(offsets.ends, head_end)
        suffix_words = offsets.total - bisect_left(offsets.starts, tail_start_a)

    words_before = (prefix_words, prefix_words)
    differ = RegionDiffer(
        original, rewrite, max_tokens=max_tokens, cleanup=cleanup, words_before=words_before
    )
    differ.diff(head_end, tail_start_a, head_end, tail_start_b)
    if not differ.coarse and _only_regrouped(differ.changes, original, rewrite):
        # Paragraph matching can pair the wrong copies of repeated or re-wrapped paragraphs;
        # identical tokens (or words) must never show as changes, so align the stretch in one go.
        differ = RegionDiffer(
            original, rewrite, max_tokens=max_tokens, cleanup=cleanup, words_before=words_before
        )
        differ.diff(head_end, tail_start_a, head_end, tail_start_b, by_units=False)
    chunks = assemble_chunks(
        differ.changes,
        (len(original), len(rewrite)),
        (differ.a_words + suffix_words, differ.b_words + suffix_words),
    )
    return WordDiff(chunks, len(original), len(rewrite), differ.coarse)


def _tokens_of(text: str, words_only: bool) -> list[str]:
    tokens = scan_non_space(text)
    return list(compress(tokens.texts, tokens.is_word)) if words_only else tokens.texts


def _same_tokens(changes: list[ChangeSpan], original: str, rewrite: str, words_only: bool) -> bool:
    """Whether the stretch from the first to the last of ``changes`` has the same tokens (or words)."""
    first, last = changes[0], changes[-1]
    return _tokens_of(original[first.a_start : last.a_end], words_only) == _tokens_of(
        rewrite[first.b_start : last.b_end], words_only
    )


def _only_regrouped(changes: list[ChangeSpan], original: str, rewrite: str) -> bool:
    """True when there are changes although both texts have the same tokens, or words, in order.

    Cheap necessary conditions come first (same visible characters; same number and multiset of
    changed words), so the full comparison only runs when it can succeed. Changed stretches are
    joined with line breaks so each side is tokenized once.
    """
    if not changes:
        return False
    # Either way the stretch holds the same words on both sides, and so do the equal chunks in
    # it: the changes must remove as many words as they add (cheap, and usually false).
    if sum(change.a_words for change in changes) != sum(change.b_words for change in changes):
        return False
    removed = "\n".join(original[change.a_start : change.a_end] for change in changes)
    added = "\n".join(rewrite[change.b_start : change.b_end] for change in changes)
    removed_visible, added_visible = "".join(removed.split()), "".join(added.split())
    if (
        len(removed_visible) == len(added_visible)
        and Counter(removed_visible) == Counter(added_visible)
        and _same_tokens(changes, original, rewrite, words_only=False)
    ):
        return True
    word_changes = [change for change in changes if change.a_words or change.b_words]
    if not word_changes:
        return False
    if sum(change.a_words for change in word_changes) != sum(change.b_words for change in word_changes):
        return False
    if Counter(_tokens_of(removed, words_only=True)) != Counter(_tokens_of(added, words_only=True)):
        return False
    return _same_tokens(word_changes, original, rewrite, words_only=True)
