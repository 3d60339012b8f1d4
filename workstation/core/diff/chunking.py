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

# The readability clean-up merges an equal run into the changes around it only when it is chaff:
# at most this many tokens, holding no word or one word of at most this many characters, between
# two changes of at least this many words each.
CHAFF_MAX_TOKENS = 3
CHAFF_WORD_MAX_CHARS = 3
CHAFF_NEIGHBOUR_WORDS = 2

new_tuple = tuple.__new__
"""``new_tuple(Chunk, fields)`` builds a named tuple without the ``__new__`` the class generates
for it (a Python call): 0.11 µs instead of 0.33, where a keystroke in a heavily rewritten
5,000-word text builds about 1,500 chunks and 800 change spans."""


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


class RegionSide(NamedTuple):
    """One side of an aligned region: its text, its tokens (offsets into that text) and word counts.

    ``word_prefix[i]`` is the number of words among the first ``i`` tokens.
    """

    text: str
    tokens: NonSpaceTokens
    word_prefix: list[int]

    def words_in(self, token_lo: int, token_hi: int) -> int:
        """Words among tokens ``token_lo..token_hi-1``."""
        return self.word_prefix[token_hi] - self.word_prefix[token_lo]


def absorb_small_equalities(opcodes: list[Opcode], side_a: RegionSide, side_b: RegionSide) -> list[Opcode]:
    """Merge chaff (see ``_is_chaff``) sandwiched between two multi-word changes into one replacement.

    A change of punctuation only has no words, so the clean-up never turns a punctuation edit
    into a word edit.
    """

    def change_size(opcode: Opcode) -> int:
        _tag, a_lo, a_hi, b_lo, b_hi = opcode
        return max(side_a.words_in(a_lo, a_hi), side_b.words_in(b_lo, b_hi))

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
            if min(change_size(left), change_size(right)) < CHAFF_NEIGHBOUR_WORDS:
                break
            if not (_is_chaff(side_a, middle[1], middle[2]) and _is_chaff(side_b, middle[3], middle[4])):
                break
            del result[-3:]
            result.append(("replace", left[1], right[2], left[3], right[4]))
    return result


_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _is_chaff(side: RegionSide, token_lo: int, token_hi: int) -> bool:
    """A run of at most ``CHAFF_MAX_TOKENS`` tokens holding no word or one short word.

    That is punctuation or a function word ("a", "is", "the", "and", "of"): matched between two
    rewritten clauses it only chops the reader's view into pieces. Content words (4 letters and
    up) and runs of several words are what a reviewer wants to see kept, so they stay; so does
    anything next to a line break, so that changes never merge across paragraphs.
    """
    tokens = side.tokens
    if token_hi - token_lo > CHAFF_MAX_TOKENS:
        return False
    # The run plus the whitespace on both sides of it (it always sits between two other tokens'
    # changes, but a change may be empty on this side, so fall back to the text's ends).
    around_start = tokens.ends[token_lo - 1] if token_lo > 0 else 0
    around_end = tokens.starts[token_hi] if token_hi < len(tokens.starts) else len(side.text)
    if not _LINE_BREAKS.isdisjoint(side.text[around_start:around_end]):
        return False
    words = [
        text
        for text, is_word in zip(
            tokens.texts[token_lo:token_hi], tokens.is_word[token_lo:token_hi], strict=True
        )
        if is_word
    ]
    return not words or (len(words) == 1 and len(words[0]) <= CHAFF_WORD_MAX_CHARS)


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


def _point(tokens: NonSpaceTokens, token_index: int, glued: bool) -> int:
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
    return 0


def _span(
    side: RegionSide, token_lo: int, token_hi: int, other: RegionSide, other_lo: int
) -> tuple[int, int]:
    """Code-point span of one side of a change: hugging its tokens, or a point when empty."""
    if token_lo < token_hi:
        return side.tokens.starts[token_lo], side.tokens.ends[token_hi - 1]
    position = _point(side.tokens, token_lo, _glued_to_previous(other.tokens, other_lo))
    return position, position


def region_changes(opcodes: list[Opcode], side_a: RegionSide, side_b: RegionSide) -> list[ChangeSpan]:
    """Changes of one aligned region, with offsets and words-before counted from the region's start."""
    changes: list[ChangeSpan] = []
    for tag, a_lo, a_hi, b_lo, b_hi in opcodes:
        if tag == "equal":
            continue
        a_start, a_end = _span(side_a, a_lo, a_hi, side_b, b_lo)
        b_start, b_end = _span(side_b, b_lo, b_hi, side_a, a_lo)
        changes.append(
            ChangeSpan(
                tag,
                a_start,
                a_end,
                b_start,
                b_end,
                side_a.words_in(a_lo, a_hi),
                side_b.words_in(b_lo, b_hi),
                side_a.word_prefix[a_lo],
                side_b.word_prefix[b_lo],
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
    for change in _merge_touching(changes):
        _tag, a_start, a_end, b_start, b_end, a_words, b_words, a_before, b_before = change
        if a_start > cursor_a or b_start > cursor_b:
            equal = ("equal", cursor_a, a_start, cursor_b, b_start, a_before - words_a, b_before - words_b)
            chunks.append(new_tuple(Chunk, equal))
        chunks.append(new_tuple(Chunk, change[:7]))  # a ChangeSpan starts with a Chunk's fields
        cursor_a, cursor_b = a_end, b_end
        words_a, words_b = a_before + a_words, b_before + b_words
    (length_a, length_b), (total_a, total_b) = lengths, total_words
    if length_a > cursor_a or length_b > cursor_b:
        tail = ("equal", cursor_a, length_a, cursor_b, length_b, total_a - words_a, total_b - words_b)
        chunks.append(new_tuple(Chunk, tail))
    return tuple(chunks)
