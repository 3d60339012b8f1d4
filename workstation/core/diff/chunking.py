"""Turn matched token runs into chunks: opcodes, the readability clean-up, then text spans.

Token indices become code-point spans here. Changed chunks hug their tokens; the whitespace
around them goes to the neighbouring ``equal`` chunks, so the chunks still tile both texts.
"""

from __future__ import annotations

from dataclasses import dataclass

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
            opcodes.append((_change_tag(a_cursor, a_index, b_cursor, b_index), a_cursor, a_index, b_cursor, b_index))
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
        while len(result) >= 3 and result[-1][0] != "equal" and result[-2][0] == "equal" and result[-3][0] != "equal":
            right, middle, left = result[-1], result[-2], result[-3]
            equal_size = max(1, a_words[middle[2]] - a_words[middle[1]])
            if ABSORB_RATIO * equal_size > min(change_size(left), change_size(right)):
                break
            del result[-3:]
            result.append(("replace", left[1], right[2], left[3], right[4]))
    return result


@dataclass(frozen=True, slots=True)
class SideLayout:
    """Where one side's tokenized middle sits inside its full text, and the words around it.

    ``word_prefix[i]`` is the number of words among the first ``i`` middle tokens;
    ``prefix_words``/``suffix_words`` count the words in the untokenized common head and tail.
    """

    tokens: NonSpaceTokens
    word_prefix: list[int]
    middle_start: int
    middle_end: int
    text_length: int
    prefix_words: int
    suffix_words: int

    def point(self, token_index: int) -> int:
        """Where a zero-width span sits in front of token ``token_index``.

        The start of that token, or, past the last token, the end of the previous one (so a
        deletion at the end of a text sits right after the last word, not after trailing space).
        """
        tokens = self.tokens
        if token_index < len(tokens.starts):
            return tokens.starts[token_index]
        if self.middle_end < self.text_length:
            return self.middle_end  # the untouched tail starts with a token
        if tokens.ends:
            return tokens.ends[-1]
        return self.middle_start

    def span(self, token_lo: int, token_hi: int) -> tuple[int, int]:
        """Code-point span hugging tokens ``token_lo..token_hi-1`` (a point when empty)."""
        if token_lo == token_hi:
            position = self.point(token_lo)
            return position, position
        return self.tokens.starts[token_lo], self.tokens.ends[token_hi - 1]

    def total_words(self) -> int:
        """Words in the whole text."""
        return self.prefix_words + self.word_prefix[-1] + self.suffix_words


def build_chunks(opcodes: list[Opcode], side_a: SideLayout, side_b: SideLayout) -> list[Chunk]:
    """Chunks tiling both full texts: the changes from ``opcodes`` and equal chunks in between."""
    chunks: list[Chunk] = []
    cursor_a = cursor_b = 0  # code-point positions already covered
    words_a = words_b = 0  # words already covered

    def add_equal(until_a: int, until_b: int, words_until_a: int, words_until_b: int) -> None:
        if until_a > cursor_a or until_b > cursor_b:
            chunks.append(
                Chunk("equal", cursor_a, until_a, cursor_b, until_b, words_until_a - words_a, words_until_b - words_b)
            )

    for tag, a_lo, a_hi, b_lo, b_hi in opcodes:
        if tag == "equal":
            continue
        a_start, a_end = side_a.span(a_lo, a_hi)
        b_start, b_end = side_b.span(b_lo, b_hi)
        before_a = side_a.prefix_words + side_a.word_prefix[a_lo]
        before_b = side_b.prefix_words + side_b.word_prefix[b_lo]
        add_equal(a_start, b_start, before_a, before_b)
        changed_a = side_a.word_prefix[a_hi] - side_a.word_prefix[a_lo]
        changed_b = side_b.word_prefix[b_hi] - side_b.word_prefix[b_lo]
        chunks.append(Chunk(tag, a_start, a_end, b_start, b_end, changed_a, changed_b))
        cursor_a, cursor_b = a_end, b_end
        words_a, words_b = before_a + changed_a, before_b + changed_b
    add_equal(side_a.text_length, side_b.text_length, side_a.total_words(), side_b.total_words())
    return chunks
