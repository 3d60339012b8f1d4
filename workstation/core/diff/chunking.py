"""Turn matched token runs into chunks: opcodes, the readability clean-up, then text spans.

Token indices become code-point spans here. Changed chunks hug their tokens; the whitespace
around them goes to the neighbouring ``equal`` chunks, so the chunks still tile both texts.
"""

from __future__ import annotations

from typing import NamedTuple

from workstation.core.diff.align import Block
from workstation.core.diff.result import Chunk, ChunkTag
from workstation.core.diff.tokens import NonSpaceTokens

# (tag, a_lo, a_hi, b_lo, b_hi) over token indices.
Opcode = tuple[ChunkTag, int, int, int, int]

# An equal run is absorbed into the changes around it when both changes are at least this many
# times larger (in words) than the run: a lone "the" or comma between two rewritten clauses is
# noise for a reader, but "brown" between two one-word substitutions is not.
ABSORB_RATIO = 3


def _change_tag(a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> ChunkTag:
    if a_lo == a_hi:
        return "insert"
    if b_lo == b_hi:
        return "delete"
    return "replace"


def opcodes_from_blocks(blocks: list[Block], a_count: int, b_count: int) -> list[Opcode]:
    """Opcodes covering ``a_count``/``b_count`` tokens, from sorted non-overlapping matched runs."""
    opcodes: list[Opcode] = []
    a_cursor = b_cursor = 0
    for a_index, b_index, length in [*blocks, (a_count, b_count, 0)]:
        if a_cursor < a_index or b_cursor < b_index:
            opcodes.append(
                (_change_tag(a_cursor, a_index, b_cursor, b_index), a_cursor, a_index, b_cursor, b_index)
            )
        if length:
            opcodes.append(("equal", a_index, a_index + length, b_index, b_index + length))
        a_cursor, b_cursor = a_index + length, b_index + length
    return opcodes


def absorb_small_equalities(opcodes: list[Opcode], a_words: list[int], b_words: list[int]) -> list[Opcode]:
    """Merge short equal runs sandwiched between two larger changes into one replacement.

    Sizes are in words (``a_words``/``b_words`` are prefix counts of words per token index); an
    equal run of punctuation only has size 1, a change of punctuation only has size 0, so the
    clean-up never turns a punctuation edit into a word edit.
    """

    def change_size(opcode: Opcode) -> int:
        _tag, a_lo, a_hi, b_lo, b_hi = opcode
        return max(a_words[a_hi] - a_words[a_lo], b_words[b_hi] - b_words[b_lo])

    result: list[Opcode] = []
    for opcode in opcodes:
        result.append(opcode)
        while (
            len(result) >= 3
            and result[-1][0] != "equal"
            and result[-2][0] == "equal"
            and result[-3][0] != "equal"
        ):
            right, middle, left = result[-1], result[-2], result[-3]
            equal_size = max(1, a_words[middle[2]] - a_words[middle[1]])
            if ABSORB_RATIO * equal_size > min(change_size(left), change_size(right)):
                break
            del result[-3:]
            result.append(("replace", left[1], right[2], left[3], right[4]))
    return result


class ChangeSpan(NamedTuple):
    """A change in text offsets, with its word counts and how many words precede it on each side."""

    tag: ChunkTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_words: int
    b_words: int
    a_words_before: int
    b_words_before: int


def _glued_to_previous(tokens: NonSpaceTokens, token_index: int) -> bool:
    """Whether token ``token_index`` directly follows the previous token, with no space between."""
    return 0 < token_index < len(tokens.starts) and tokens.starts[token_index] == tokens.ends[token_index - 1]


def _point(tokens: NonSpaceTokens, token_index: int, region_start: int, glued: bool) -> int:
    """Where a zero-width span sits in front of token ``token_index`` of a region.

    Right after the previous token when the other side's change is glued to its previous token
    (an added comma goes after the word, not after the space), else at the start of the next
    token; past the last token, right after it; in a region without tokens, the region's start.
    """
    if glued and token_index > 0:
        return tokens.ends[token_index - 1]
    if token_index < len(tokens.starts):
        return tokens.starts[token_index]
    if tokens.ends:
        return tokens.ends[-1]
    return region_start


def _spans(
    tokens: tuple[NonSpaceTokens, NonSpaceTokens],
    a_range: tuple[int, int],
    b_range: tuple[int, int],
    region_starts: tuple[int, int],
) -> tuple[int, int, int, int]:
    """Code-point spans of a change: hugging its tokens, or a point for an empty side."""
    tokens_a, tokens_b = tokens
    (a_lo, a_hi), (b_lo, b_hi) = a_range, b_range
    if a_lo < a_hi:
        a_start, a_end = tokens_a.starts[a_lo], tokens_a.ends[a_hi - 1]
    else:
        a_start = a_end = _point(tokens_a, a_lo, region_starts[0], _glued_to_previous(tokens_b, b_lo))
    if b_lo < b_hi:
        b_start, b_end = tokens_b.starts[b_lo], tokens_b.ends[b_hi - 1]
    else:
        b_start = b_end = _point(tokens_b, b_lo, region_starts[1], _glued_to_previous(tokens_a, a_lo))
    return a_start, a_end, b_start, b_end


def region_changes(
    opcodes: list[Opcode],
    tokens: tuple[NonSpaceTokens, NonSpaceTokens],
    word_prefix: tuple[list[int], list[int]],
    region_starts: tuple[int, int],
    words_before: tuple[int, int],
) -> list[ChangeSpan]:
    """Changes of one aligned region, in text offsets (each tuple holds the a side, then b)."""
    words_a, words_b = word_prefix
    changes: list[ChangeSpan] = []
    for tag, a_lo, a_hi, b_lo, b_hi in opcodes:
        if tag == "equal":
            continue
        a_start, a_end, b_start, b_end = _spans(tokens, (a_lo, a_hi), (b_lo, b_hi), region_starts)
        changes.append(
            ChangeSpan(
                tag,
                a_start,
                a_end,
                b_start,
                b_end,
                words_a[a_hi] - words_a[a_lo],
                words_b[b_hi] - words_b[b_lo],
                words_before[0] + words_a[a_lo],
                words_before[1] + words_b[b_lo],
            )
        )
    return changes


def _merge_touching(changes: list[ChangeSpan]) -> list[ChangeSpan]:
    """Fuse changes with nothing between them on either side (they can meet at region edges)."""
    merged: list[ChangeSpan] = []
    for change in changes:
        if merged and merged[-1].a_end == change.a_start and merged[-1].b_end == change.b_start:
            previous = merged.pop()
            change = ChangeSpan(
                _change_tag(previous.a_start, change.a_end, previous.b_start, change.b_end),
                previous.a_start,
                change.a_end,
                previous.b_start,
                change.b_end,
                previous.a_words + change.a_words,
                previous.b_words + change.b_words,
                previous.a_words_before,
                previous.b_words_before,
            )
        merged.append(change)
    return merged


def assemble_chunks(
    changes: list[ChangeSpan], lengths: tuple[int, int], total_words: tuple[int, int]
) -> tuple[Chunk, ...]:
    """Chunks tiling both texts: the ``changes`` (in order) with ``equal`` chunks filling the rest."""
    chunks: list[Chunk] = []
    cursor_a = cursor_b = words_a = words_b = 0
    for change in [*_merge_touching(changes), None]:
        if change is None:
            until_a, until_b, before_a, before_b = lengths[0], lengths[1], total_words[0], total_words[1]
        else:
            until_a, until_b = change.a_start, change.b_start
            before_a, before_b = change.a_words_before, change.b_words_before
        if until_a > cursor_a or until_b > cursor_b:
            chunks.append(
                Chunk("equal", cursor_a, until_a, cursor_b, until_b, before_a - words_a, before_b - words_b)
            )
        if change is not None:
            chunks.append(
                Chunk(
                    change.tag,
                    change.a_start,
                    change.a_end,
                    change.b_start,
                    change.b_end,
                    change.a_words,
                    change.b_words,
                )
            )
            cursor_a, cursor_b = change.a_end, change.b_end
            words_a = change.a_words_before + change.a_words
            words_b = change.b_words_before + change.b_words
    return tuple(chunks)
