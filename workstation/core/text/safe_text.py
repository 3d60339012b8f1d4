"""Text someone else chose, made safe to keep and to show: one short line, no control characters.

Servers pick their reason phrases, headers and bodies; importers pick ids and file names. Shown
raw, such text can rewrite a terminal (ANSI escape sequences, a carriage return that hides what
came before), reorder what a reader sees (bidirectional overrides) or spread over many lines of a
table or a message box. `one_line` is the one rule for all of it, used by the core when it keeps
outside words and by the CLI and GUI when they show them:

- every kind of whitespace and line break (tab, CR, LF, U+2028, NEL, …) becomes one space, and
  runs of it collapse; the result has no leading or trailing space;
- every other control or invisible formatting character (C0, DEL, C1 such as the 8-bit CSI, lone
  surrogates, bidirectional embeddings, overrides and isolates, zero-width spaces, BOM) becomes
  U+FFFD, so a reader sees that something was there without the terminal acting on it; ZWNJ and
  ZWJ stay, because Persian, Indic scripts and emoji sequences need them;
- the result is cut to `limit` characters (code points), the last of which is then "…".
"""

from __future__ import annotations

import unicodedata

DEFAULT_LIMIT_CHARS = 300
"""The default length of a kept reason: enough for a sentence and an id, short enough for a row."""

REPLACEMENT = "\ufffd"
ELLIPSIS = "…"

_JOINERS = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ: part of how some scripts and emoji are spelt
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def one_line(text: str, limit: int = DEFAULT_LIMIT_CHARS) -> str:
    """`text` as one printable line of at most `limit` characters (see the module rules).

    `limit` counts code points and must be at least 1. Reading stops once the line is full, so a
    megabyte of hostile text costs little more than a short one.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pieces: list[str] = []
    pending_space = False
    for character in text:
        if character.isspace():
            pending_space = bool(pieces)
            continue
        if character not in _JOINERS and unicodedata.category(character) in _UNSAFE_CATEGORIES:
            character = REPLACEMENT
        if pending_space:
            pieces.append(" ")
            pending_space = False
        pieces.append(character)
        if len(pieces) > limit:
            return "".join(pieces[: limit - 1]).rstrip() + ELLIPSIS
    return "".join(pieces)
