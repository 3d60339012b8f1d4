"""Split prose into word, punctuation and whitespace tokens with code-point offsets.

The word diff, the edit metrics and the highlighters all agree on what a "word" is because they
all go through this module. Rules, in the order the scanner tries them:

- **Whitespace** (``str.isspace``: spaces, tabs, CR/LF, NBSP, ideographic space...) is one token
  per run. The diff ignores it when aligning (see ``worddiff``).
- **Words** are runs of letters and digits in any script. An underscore between two of them
  stays inside the word ("snake_case"), but not one at either end: in Markdown ``_word_`` and
  ``__word__`` are emphasis, so the underscores are punctuation of their own and emphasising a
  word shows as markup inserted, not as the word replaced. An apostrophe (``'``, U+2019, U+02BC)
  or hyphen (``-``, U+2010, U+2011) *between* two word characters stays inside the word
  ("don't", "well-known"), and so do ``.``, ``,`` and ``:`` between two digits ("3.14",
  "1,000", "10:30").
- **Attaching characters** never start a token of their own when something precedes them:
  combining marks (``e`` + U+0301 stays one word; Devanagari vowel signs, Arabic harakat),
  format characters (ZWJ, ZWNJ, zero-width space, soft hyphen, bidi marks, BOM, emoji tags),
  and emoji skin-tone modifiers. A hidden zero-width character inside or after a word therefore
  makes that word differ, which is what a reviewer wants to see.
- **CJK**: every Han ideograph, Hiragana and Katakana character is a word of its own, since
  those scripts do not put spaces between words. (Thai, Lao, Khmer and Myanmar runs stay one
  word per run: splitting them needs a dictionary.)
- **Emoji**: a ZWJ sequence (👩‍👩‍👧), a flag (two regional indicators) or an emoji with its
  modifiers and variation selector is one punctuation token, never split.
- Everything else (punctuation, symbols, a lone mark after whitespace) is a punctuation token
  of one character plus its attaching characters. Punctuation is diffed but not counted as a word.
  So is Markdown's markup: ``**``, ``#``, ``>``, a list's ``-``, backticks, ``[`` and ``](url)``
  are punctuation tokens, one character each, never glued to the word they mark.

Offsets are Python code-point indices; convert at the Qt edge with ``workstation.core.text.positions``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress
from typing import Literal

from workstation.core.text.token_windows import WINDOW_CHARS, item_slices, token_windows

TokenKind = Literal["word", "punct", "space"]

# Scripts written without spaces whose characters we treat as one word each.
_CJK_RANGES = "\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Emoji that may be glued by ZWJ into one glyph (a generous superset of Extended_Pictographic).
_EMOJI_BASE = "[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
_REGIONAL_INDICATOR = "[\U0001f1e6-\U0001f1ff]"
_WORD_JOINERS = "['\u2019\u02bc\\-\u2010\u2011]"
_DIGIT_JOINERS = "[.,:]"
_WHITESPACE_SPLIT = re.compile(r"(\s+)").split
# ASCII-only text has no marks, format characters, CJK or emoji, so these simpler scanners give
# exactly the same tokens as the full one, about twice as fast.
_ASCII_WORD_RUN = r"[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)*"  # inner underscores only (snake_case)
_ASCII_WORD_SOURCE = rf"{_ASCII_WORD_RUN}(?:(?:['\-]|(?<=[0-9])[.,:](?=[0-9])){_ASCII_WORD_RUN})*"
_ASCII_TOKENS = re.compile(rf"\s+|{_ASCII_WORD_SOURCE}|\S")
_ASCII_WORDS = re.compile(_ASCII_WORD_SOURCE)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text: ``text == source[start:end]`` (code-point offsets, end exclusive)."""

    text: str
    start: int
    end: int
    kind: TokenKind

    @property
    def is_word(self) -> bool:
        """True for tokens the metrics count as words."""
        return self.kind == "word"


def _class_from_code_points(code_points: list[int]) -> str:
    """Compress sorted code points into the body of a regex character class."""
    parts: list[str] = []
    index = 0
    while index < len(code_points):
        first = last = code_points[index]
        while index + 1 < len(code_points) and code_points[index + 1] == last + 1:
            index += 1
            last = code_points[index]
        parts.append(
            re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        )
        index += 1
    return "".join(parts)


@cache
def _attaching_class() -> str:
    """Character class of marks, format characters and emoji modifiers (built once, ~30 ms).

    Planes 0-1 and plane 14 hold every combining mark and format character Unicode defines.
    """
    category = unicodedata.category
    wanted = [
        code_point
        for block in (range(0x0, 0x20000), range(0xE0000, 0xE1000))
        for code_point in block
        if category(chr(code_point))[0] == "M" or category(chr(code_point)) == "Cf"
    ]
    wanted.extend(range(0x1F3FB, 0x1F400))  # emoji skin-tone modifiers (category Sk)
    return "[" + _class_from_code_points(sorted(set(wanted))) + "]"


@cache
def _token_regex() -> re.Pattern[str]:
    """Scanner whose alternatives cover every character, tried in this order:
    whitespace run, word, CJK character, flag, emoji ZWJ sequence, any other character.
    Each alternative is written as runs (``W+(?:A+W*)*``) rather than ``(?:W|A)*`` because
    Python's ``re`` is markedly faster on runs."""
    attach = _attaching_class()
    word_char = f"[^\\W_{_CJK_RANGES}]"  # a letter or digit: "_" only joins them
    word_body = f"{word_char}+(?:{attach}+{word_char}*|_+{word_char}+)*"
    joiner = f"(?:{_WORD_JOINERS}|(?<=\\d){_DIGIT_JOINERS}(?=\\d))"
    alternatives = [
        "\\s+",
        f"{word_body}(?:{joiner}{attach}*{word_body})*",
        f"(?=\\w)[{_CJK_RANGES}]{attach}*",
        f"{_REGIONAL_INDICATOR}{{2}}{attach}*",
        f"{_EMOJI_BASE}(?:\u200d{_EMOJI_BASE}|{attach})*",
        f"[^\\s]{attach}*",
    ]
    return re.compile("|".join(alternatives))


def _pieces(text: str, window: int = WINDOW_CHARS) -> list[str]:
    """Token strings tiling ``text`` (whitespace runs included).

    A long text is scanned ``window`` characters at a time (:mod:`~workstation.core.text.token_windows`):
    one scan of a whole 50,000-word text holds the interpreter for 10 ms or more.
    """
    if len(text) <= window:
        return _window_pieces(text)
    pieces: list[str] = []
    for start, end in token_windows(text, window):
        pieces.extend(_window_pieces(text[start:end]))
    return pieces


def _window_pieces(text: str) -> list[str]:
    """Token strings tiling ``text``, scanned at once.

    Fast paths: ASCII-only text has its own simpler scanner; otherwise, whitespace-separated
    chunks that are plain ASCII words are one token each, other ASCII chunks go through the
    ASCII scanner, and only the rest goes through the full scanner (a token never spans white
    space, so scanning chunk by chunk gives the same tokens).
    """
    if text.isascii():
        return _ASCII_TOKENS.findall(text)
    scanner = _token_regex().findall
    ascii_scanner = _ASCII_TOKENS.findall
    pieces: list[str] = []
    for chunk in _WHITESPACE_SPLIT(text):
        if not chunk:
            continue
        if chunk.isascii():
            if chunk.isalnum() or chunk[0].isspace():
                pieces.append(chunk)
            else:
                pieces.extend(ascii_scanner(chunk))
        else:
            pieces.extend(scanner(chunk))
    return pieces


def _kind_of(piece: str) -> TokenKind:
    first = piece[0]
    if first.isspace():
        return "space"
    if first.isalnum():
        return "word"
    return "punct"


def tokenize(text: str) -> tuple[Token, ...]:
    """All tokens of ``text`` in order; they tile it exactly (whitespace included).

    Allocates one object per token, so the diff uses ``scan_non_space`` instead.
    """
    tokens: list[Token] = []
    position = 0
    for piece in _pieces(text):
        tokens.append(Token(piece, position, position + len(piece), _kind_of(piece)))
        position += len(piece)
    return tuple(tokens)


def _is_word_piece(piece: str) -> bool:
    return piece[0].isalnum()


def count_words(text: str) -> int:
    """Number of word tokens in ``text``: the unit of every word metric."""
    if text.isascii():
        if len(text) <= WINDOW_CHARS:
            return len(_ASCII_WORDS.findall(text))
        return sum(len(_ASCII_WORDS.findall(text[start:end])) for start, end in token_windows(text))
    return sum(map(_is_word_piece, _pieces(text)))


def ascii_words(text: str, start: int, end: int) -> list[str]:
    """The word tokens of the ASCII text ``text`` between ``start`` and ``end``, both of which
    must fall between two tokens (at white space or an end of the text); one scan in C, so keep
    the stretch short (a window: see :mod:`~workstation.core.text.token_windows`)."""
    return _ASCII_WORDS.findall(text, start, end)


@dataclass(frozen=True, slots=True)
class NonSpaceTokens:
    """Parallel lists describing the non-whitespace tokens of a text (the diff's input).

    ``starts``/``ends`` are code-point offsets already shifted by the ``offset`` passed to
    ``scan_non_space``; ``is_word[i]`` tells a word from a punctuation token.
    """

    texts: list[str]
    starts: list[int]
    ends: list[int]
    is_word: list[bool]


def scan_non_space(text: str, offset: int = 0) -> NonSpaceTokens:
    """Tokenize ``text`` cheaply, keeping only words and punctuation, offsets shifted by ``offset``.

    Why a separate function: building a ``Token`` per word costs more than the whole diff of a
    one-keystroke edit, so the diff works on plain lists.
    """
    pieces = _pieces(text)
    boundaries = list(accumulate(map(len, pieces), initial=offset))
    keep = [not piece[0].isspace() for piece in pieces]
    texts = list(compress(pieces, keep))
    return NonSpaceTokens(
        texts=texts,
        starts=list(compress(boundaries, keep)),
        ends=list(compress(boundaries[1:], keep)),
        is_word=list(map(_is_word_piece, texts)),
    )


def words_and_starts(text: str) -> tuple[list[str], list[int]]:
    """The word tokens of ``text`` in order and the code-point offset where each starts.

    The same words :func:`count_words` counts; the prose figures (sentence lengths, syllables,
    lexical diversity) need the words themselves and where they sit, so they use this.
    """
    words: list[str] = []
    starts: list[int] = []
    offset = 0
    for part in item_slices(_pieces(text)):  # one C call over a long text's pieces held the lock 5 ms
        keep = list(map(_is_word_piece, part))
        words.extend(compress(part, keep))
        offsets = list(accumulate(map(len, part), initial=offset))  # one more than the pieces
        starts.extend(compress(offsets, keep))
        offset = offsets[-1]
    return words, starts
