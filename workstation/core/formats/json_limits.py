"""The limits every reader of outside JSON applies: nesting depth and numbers that are finite.

Python's ``json`` parses one nesting level per C stack frame and reads an overflowing literal such
as ``1e400`` as ``inf``. Neither is a parse error, yet both break things far from the file: deep
values make pydantic, ``json.dumps`` and SQLite JSON fail (or the stack overflow on a thread with
a small one), and an infinity imports fine, then makes every bundle seal and every JSON export
fail. So the readers refuse both where the text is read, and the record's line is reported:

* nesting deeper than :data:`MAX_JSON_DEPTH` levels is found by :func:`depth_problem` on the raw
  text, before the decoder recurses (the top-level object or array is level 1);
* :data:`STRICT_JSON` refuses ``NaN``/``Infinity`` and any number literal that is not finite
  as a 64-bit float.

Importers (task files), the bundle reader (manifest and records) and sealing (records out) share
these rules, so what one part writes the next part can read.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any, NoReturn

MAX_JSON_DEPTH = 100
"""The deepest nesting of arrays and objects accepted, in levels (the top-level value is 1).

Real records use fewer than ten (a Label Studio task with annotations is about seven); pydantic
stops serialising at 255 and Python's decoder recurses on the C stack, so 100 leaves room for
the levels the application adds around a record.
"""

MAX_RECORD_DEPTH = MAX_JSON_DEPTH + 8
"""The deepest a record the application itself writes may nest (bundle records, the manifest).

An imported value sits a few levels deeper there than in its file (a top-level key moves into
``metadata``, a Label Studio task's other keys into ``metadata.label_studio``), so this allowance
makes whatever an import accepted seal and open again.
"""


def nested_too_deeply(limit: int = MAX_JSON_DEPTH) -> str:
    """The sentence for a value nested deeper than ``limit`` levels."""
    return f"nested too deeply (more than {limit} levels)"


_SHOWN_LITERAL_CHARS = 24

# A whole string (so brackets inside it do not count; an unterminated one runs to the end) or one
# bracket. Unrolled so the regex engine takes runs of plain characters in one step.
_STRING_OR_BRACKET_TEXT = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_STRING_OR_BRACKET_BYTES = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
_OPENERS_TEXT: tuple[str | bytes, ...] = ("[", "{")
_OPENERS_BYTES: tuple[str | bytes, ...] = (b"[", b"{")


class JsonLimitError(ValueError):
    """A JSON value breaks one of these limits; the message is a sentence without ``file:line:``."""


def depth_problem(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> str | None:
    """:func:`nested_too_deeply` if the JSON ``text`` nests deeper than ``limit``, else None.

    Costs two C-speed ``count`` calls for any text with at most ``limit`` opening brackets (almost
    every record); only text with more is scanned bracket by bracket, strings skipped. Meant to run
    before decoding; malformed text is left to the decoder to describe.
    """
    tokens: list[str] | list[bytes]
    if isinstance(text, str):
        if text.count("[") + text.count("{") <= limit:
            return None
        tokens, openers = _STRING_OR_BRACKET_TEXT.findall(text), _OPENERS_TEXT
    else:
        if text.count(b"[") + text.count(b"{") <= limit:
            return None
        tokens, openers = _STRING_OR_BRACKET_BYTES.findall(text), _OPENERS_BYTES
    depth = 0
    for token in tokens:
        if token in openers:
            depth += 1
            if depth > limit:
                return nested_too_deeply(limit)
        elif len(token) == 1:  # a closing bracket (a string token is at least its quote)
            depth -= 1
    return None


def finite_float(literal: str) -> float:
    """The float a JSON number literal spells; JsonLimitError when it overflows (``1e400``)."""
    value = float(literal)
    if math.isfinite(value):
        return value
    shown = literal if len(literal) <= _SHOWN_LITERAL_CHARS else literal[:_SHOWN_LITERAL_CHARS] + "…"
    raise JsonLimitError(f"the number {shown} is too large to hold (it is not a finite 64-bit number)")


def non_finite_problem(value: Any) -> str | None:
    """The sentence for the first NaN or infinity inside ``value`` (``metadata.score (inf) is not
    a finite number, which JSON cannot hold``), or None when every number in it is finite.

    For values held before the readers refused such numbers: writers call it once ``json.dumps``
    with ``allow_nan=False`` has failed, to name the field. Walks with its own stack, so depth
    costs no recursion. The path quotes keys as they are (outside text: show it through
    ``one_line``).
    """
    pending: list[tuple[Any, str]] = [(value, "")]
    while pending:
        item, path = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return f"{path or 'the value'} ({item}) is not a finite number, which JSON cannot hold"
        if isinstance(item, dict):
            pending.extend((child, f"{path}.{key}" if path else str(key)) for key, child in item.items())
        elif isinstance(item, (list, tuple)):
            pending.extend((child, f"{path}[{index}]") for index, child in enumerate(item))
    return None


def reject_constant(name: str) -> NoReturn:
    """The ``parse_constant`` hook: ``NaN``, ``Infinity`` and ``-Infinity`` are not JSON."""
    raise JsonLimitError(f"{name} is not a number JSON allows")


STRICT_JSON = json.JSONDecoder(parse_constant=reject_constant, parse_float=finite_float)
"""A decoder that refuses ``NaN``, ``Infinity`` and overflowing number literals (JsonLimitError).

Other JSON readers cannot load such values back, and the store and bundles could not hold them.
"""


def describe_value_error(error: ValueError) -> str:
    """A sentence for a ValueError from :data:`STRICT_JSON` that is not a ``JSONDecodeError``.

    Besides :class:`JsonLimitError` the decoder raises a plain ValueError only for an integer
    literal longer than Python converts (``sys.get_int_max_str_digits()``).
    """
    if isinstance(error, JsonLimitError):
        return str(error)
    return f"a whole number has more than {sys.get_int_max_str_digits()} digits, more than can be read"
