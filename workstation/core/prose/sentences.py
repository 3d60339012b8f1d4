"""Our own paragraph and sentence splitting, in code-point spans.

Why not a library: the readability and sentence-length numbers must not depend on data that a
library downloads at run time, and the spans must line up exactly with lint findings.

Rules, in the order they are applied:

* Paragraphs end at a blank line (any of ``\\n``, ``\\r\\n``, ``\\r``, U+2028/U+2029).
* Inside a paragraph a line break ends a sentence unless the next line starts with a lower-case
  letter (a hard-wrapped line). Model output puts list items and headings on their own lines.
* ``.``, ``!``, ``?``, ``…`` (and runs such as ``?!`` or ``...``), followed by optional closing
  quotes or brackets and then white space, end a sentence when the next word does not start
  with a lower-case letter. So ``"Stop!" she said.`` stays one sentence and so does an ellipsis
  that trails into lower case.
* A single ``.`` does not end a sentence after a known abbreviation (``Dr.``, ``e.g.``, ``vs.``
  …), after an upper-case initial (``J. R. R. Tolkien``), after ``No.`` before a number, or after
  a list number at the start of a line (``1. First``). ``etc.``, ``Inc.`` and dotted acronyms
  (``U.S.``) end a sentence only when the next word is capitalised.
* Decimals (``3.14``) never split: a boundary needs white space after the punctuation.
* Full-width CJK terminators (ideographic full stop, full-width ``!`` and ``?``) and the Arabic
  question mark and full stop end a sentence without white space after them.

Words are not split here: :mod:`counting` counts the words of each sentence with the diff's
tokenizer, so every figure agrees on what a word is.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_LINE_BREAK = r"(?:\r\n|\r|\n|\u2028)"
# White space that contains a line break; a paragraph break is one holding two line breaks or a
# U+2029. Starting with a character class lets the regex engine skip ahead fast.
_BREAK_RUN_RE = re.compile(r"[\r\n\u2028\u2029]\s*")
_LINE_BREAK_RE = re.compile(_LINE_BREAK)

_CLOSERS = "\"'\u201d\u2019\u00bb)]}\u203a"
# Terminal punctuation that needs white space (or the end) after it, and CJK/Arabic-script
# terminators that do not.
_CLOSERS_CLASS = "[" + re.escape(_CLOSERS) + "]"
# Full-width (CJK) and Arabic-script sentence terminators: no white space follows them.
_NO_SPACE_TERMINALS = "\u3002\uff01\uff1f\u061f\u06d4"
# Runs of terminal punctuation with any closing quotes or brackets. The pattern starts with a
# character class so the regex engine can skip ahead quickly; whether white space follows is
# checked afterwards. Group 1 is the punctuation itself.
_TERMINAL_RE = re.compile(rf"([.!?\u2026{_NO_SPACE_TERMINALS}]+){_CLOSERS_CLASS}*")
_NO_SPACE_NEEDED = frozenset(_NO_SPACE_TERMINALS)

#: Abbreviations after which a single period never ends a sentence (lower-case, no final dot).
NEVER_FINAL_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "rev",
        "hon",
        "st",
        "mt",
        "sgt",
        "capt",
        "col",
        "gen",
        "lt",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "pres",
        "fr",
        "e.g",
        "i.e",
        "cf",
        "vs",
        "viz",
        "approx",
        "fig",
        "figs",
        "eq",
        "eqs",
        "ch",
        "sec",
        "vol",
        "pp",
        "p",
        "ed",
        "eds",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ave",
        "blvd",
        "rd",
    }
)
#: Abbreviations that often end a sentence too; they split only before a capitalised word.
SOMETIMES_FINAL_ABBREVIATIONS = frozenset(
    {"etc", "inc", "ltd", "co", "corp", "al", "jr", "sr", "llc", "plc", "bros", "a.m", "p.m"}
)
_DOTTED_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LEADING_OPENERS = "\"'\u201c\u2018\u00ab([{\u2039*_"
_NEXT_CHAR_RE = re.compile(r"[\s" + re.escape(_LEADING_OPENERS) + r"]*(.)", re.DOTALL)


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Spans of paragraphs (separated by blank lines), trimmed of surrounding white space."""
    spans: list[Span] = []
    start = 0
    for separator_start, separator_end in _paragraph_breaks(text):
        _append_trimmed(spans, text, start, separator_start)
        start = separator_end
    _append_trimmed(spans, text, start, len(text))
    return tuple(spans)


def sentence_spans(text: str) -> tuple[Span, ...]:
    """Spans of sentences, trimmed of white space, in order; blank stretches are skipped.

    Each paragraph is split on its own: what ends a sentence never looks past a blank line, so
    a paragraph's sentences depend on that paragraph alone (:mod:`counting` relies on it).
    """
    spans: list[Span] = []
    for start, end in paragraph_spans(text):
        if start == 0 and end == len(text):
            return _paragraph_sentences(text)
        spans.extend([(first + start, last + start) for first, last in _paragraph_sentences(text[start:end])])
    return tuple(spans)


def _paragraph_sentences(text: str) -> tuple[Span, ...]:
    """:func:`sentence_spans` of a text without a blank line."""
    spans: list[Span] = []
    start = 0
    for boundary in sorted(_boundaries(text)):
        if boundary > start:
            _append_trimmed(spans, text, start, boundary)
            start = boundary
    _append_trimmed(spans, text, start, len(text))
    return tuple(spans)


def _paragraph_breaks(text: str) -> list[Span]:
    breaks: list[Span] = []
    for run in _BREAK_RUN_RE.finditer(text):
        white = run.group()
        line_breaks = white.count("\n") + white.count("\r") - white.count("\r\n") + white.count("\u2028")
        if line_breaks >= 2 or "\u2029" in white:
            breaks.append(run.span())
    return breaks


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return tuple(text[start:end] for start, end in sentence_spans(text))


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _boundaries(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence ends (unsorted; paragraph breaks are added elsewhere)."""
    end = len(text)
    found: list[int] = []
    for match in _TERMINAL_RE.finditer(text):
        after = match.end()
        no_space_needed = match.group(1)[-1] in _NO_SPACE_NEEDED
        spaced = after >= end or text[after].isspace()
        if no_space_needed or (spaced and _period_run_ends_sentence(text, match.start(1), after, end)):
            found.append(after)
    found.extend(
        match.start() for match in _LINE_BREAK_RE.finditer(text) if not _next_is_lower(text, match.end())
    )
    return found


def _next_char(text: str, position: int) -> str:
    """First character at or after ``position`` that is not white space or an opening mark."""
    match = _NEXT_CHAR_RE.match(text, position)
    return match.group(1) if match else ""


def _next_is_lower(text: str, position: int) -> bool:
    return _next_char(text, position).islower()


def _period_run_ends_sentence(text: str, punct_start: int, after: int, end: int) -> bool:
    """Decide whether terminal punctuation at ``punct_start`` (ending at ``after``) ends a sentence."""
    if after >= end:
        return True
    following = _next_char(text, after)
    if following.islower():
        return False
    if text[punct_start] != "." or text.startswith("..", punct_start):
        return True  # "!", "?", "…" and "..." before a capital or a digit
    # The token before the period; 40 characters is longer than any abbreviation we know.
    window = text[max(0, punct_start - 40) : punct_start]
    token = window.rsplit(None, 1)[-1] if window and not window[-1].isspace() else ""
    word_start = punct_start - len(token)
    word = token.lstrip(_LEADING_OPENERS)
    lowered = word.lower()
    if lowered in NEVER_FINAL_ABBREVIATIONS:
        return False
    if lowered == "no" and following.isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. R. R. Tolkien"
    if word.isdigit() and len(word) <= 3 and _only_space_since_line_start(text, word_start):
        return False  # a numbered list item: "1. First"
    if lowered in SOMETIMES_FINAL_ABBREVIATIONS or _DOTTED_ACRONYM_RE.fullmatch(word):
        return following.isupper()
    return True


def _only_space_since_line_start(text: str, position: int) -> bool:
    position -= 1
    while position >= 0 and text[position] not in "\r\n\u2028\u2029":
        if not text[position].isspace():
            return False
        position -= 1
    return True
