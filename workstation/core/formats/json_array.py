"""Streaming reader for a file that is one JSON array of objects (Label Studio's export).

The array may be far larger than memory, so it is parsed item by item with
``JSONDecoder.raw_decode`` over a sliding text buffer: memory holds the current item and at most
one read chunk more. Each item's line is the physical line where it starts. A syntax error inside
the array cannot be skipped reliably, so it is reported and reading stops there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from workstation.core.formats.fields import kind_of
from workstation.core.formats.json_limits import (
    STRICT_JSON,
    depth_problem,
    describe_value_error,
    nested_too_deeply,
)
from workstation.core.formats.json_records import RecordMapper
from workstation.core.formats.reading import (
    MAX_RECORD_BYTES,
    ReadProgress,
    UnreadableFile,
    find_undecodable,
    read_chunks,
)
from workstation.core.formats.records import ParsedRecord, RecordError, RecordProblem
from workstation.core.formats.task_building import check_no_lone_surrogate, may_hold_lone_surrogate

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_TRUNCATION_TAIL = 6
ARRAY_READ_BYTES = 64 * 1024
"""How much text the array parser takes in at a time: an item or two, so an import's progress
(bytes read) moves in small steps rather than by the megabyte."""


class _StopReading(Exception):
    """The array cannot be read past this point; carries the error to report."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _SlidingText:
    """A window on the file's text: ``text[pos:]`` is unread, line numbers are tracked."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self.text = ""
        self.pos = 0
        self.eof = False
        self._counted_to = 0  # text[:_counted_to] has been counted into _counted_line
        self._counted_line = 1

    def fill(self, at_least: int) -> bool:
        """Read at least ``at_least`` more characters unless the file ends; False at end of file."""
        if self.eof:
            return False
        self._compact()
        pieces = [self.text]
        added = 0
        while added < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            pieces.append(chunk)
            added += len(chunk)
        self.text = "".join(pieces)
        return added > 0

    def _compact(self) -> None:
        """Drop whole lines that are already read, so the buffer holds about one item."""
        cut = self.text.rfind("\n", 0, self.pos) + 1
        if cut <= 0:
            return
        self.line_at(cut)
        self._counted_to -= cut
        self.text = self.text[cut:]
        self.pos -= cut

    def line_at(self, index: int) -> int:
        """The physical line of ``text[index]``; ``index`` must not go backwards between calls."""
        if index > self._counted_to:
            self._counted_line += self.text.count("\n", self._counted_to, index)
            self._counted_to = index
        return self._counted_line

    def next_char(self) -> str | None:
        """Skip whitespace and return the next character (not consumed), or None at end of file."""
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.fill(ARRAY_READ_BYTES):
                return None


def _too_large_message() -> str:
    megabytes = MAX_RECORD_BYTES // (1024 * 1024)
    return f"the record is larger than {megabytes} MB, the most one record may hold"


def _looks_cut_off(error: json.JSONDecodeError, text: str) -> bool:
    if error.msg.startswith("Unterminated string"):
        return True
    tail = text[error.pos :].strip()
    return len(tail) <= _TRUNCATION_TAIL and "}" not in tail and "]" not in tail


def read_json_array(
    path: Path, display: str, mapper: RecordMapper, *, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every item of a JSON array file, streaming."""
    try:
        chunks = read_chunks(path, chunk_bytes=ARRAY_READ_BYTES, progress=progress)
        yield from _read_items(_SlidingText(chunks), display, mapper)
    except UnreadableFile as unreadable:
        yield RecordError(display, unreadable.line, unreadable.message)
    except _StopReading as stop:
        yield RecordError(display, stop.line, stop.message)


def _decode_item(window: _SlidingText, start_line: int) -> tuple[object, int]:
    """Parse the JSON value at ``window.pos``, reading more text while it is incomplete."""
    while True:
        try:
            return STRICT_JSON.raw_decode(window.text, window.pos)
        except json.JSONDecodeError as error:
            if not _looks_cut_off(error, window.text):
                line = window.line_at(error.pos)
                column = error.pos - window.text.rfind("\n", 0, error.pos)
                raise _StopReading(
                    line, f"not valid JSON ({error.msg} at line {line}, column {column})"
                ) from None
            unread = len(window.text) - window.pos
            if unread > MAX_RECORD_BYTES:
                raise _StopReading(start_line, _too_large_message()) from None
            if not window.fill(max(ARRAY_READ_BYTES, unread)):
                raise _StopReading(
                    start_line,
                    "the file ends before the JSON object starting here is complete (truncated file?)",
                ) from None
        except ValueError as error:  # a number that is not finite, or too long to read
            raise _StopReading(start_line, describe_value_error(error)) from None
        except RecursionError:
            # Deeper than the decoder's own stack guard (thousands of levels): where the item ends
            # is unknown, so reading stops here. Shallower excess is caught per item afterwards.
            raise _StopReading(start_line, nested_too_deeply()) from None


def _read_items(
    window: _SlidingText, display: str, mapper: RecordMapper
) -> Iterator[ParsedRecord | RecordError]:
    first = window.next_char()
    if first is None:
        return
    if first != "[":
        raise _StopReading(
            window.line_at(window.pos), f'expected a JSON array of tasks, but the file starts with "{first}"'
        )
    window.pos += 1
    index = 0
    while True:
        char = window.next_char()
        if char is None:
            raise _StopReading(
                window.line_at(window.pos),
                "the file ends before the JSON array is complete (truncated file?)",
            )
        if char == "]" and index == 0:
            break
        start_line = window.line_at(window.pos)
        value, end = _decode_item(window, start_line)
        raw = window.text[window.pos : end]
        window.pos = end
        index += 1
        yield _item_result(value, raw, index, start_line, display, mapper)
        char = window.next_char()
        if char == ",":
            window.pos += 1
            if window.next_char() == "]":
                raise _StopReading(
                    window.line_at(window.pos), 'a "," before the closing "]" (JSON allows no trailing comma)'
                )
            continue
        if char == "]":
            break
        if char is None:
            raise _StopReading(
                window.line_at(window.pos),
                "the file ends before the JSON array is complete (truncated file?)",
            )
        raise _StopReading(
            window.line_at(window.pos), f'expected "," or "]" after item {index}, found "{char}"'
        )
    window.pos += 1
    if window.next_char() is not None:
        raise _StopReading(window.line_at(window.pos), "unexpected text after the end of the JSON array")


def _item_result(
    value: object, raw: str, index: int, line: int, display: str, mapper: RecordMapper
) -> ParsedRecord | RecordError:
    if len(raw) > MAX_RECORD_BYTES:
        return RecordError(display, line, _too_large_message())
    bad_at = find_undecodable(raw)
    if bad_at >= 0:
        byte = ord(raw[bad_at]) - 0xDC00
        return RecordError(
            display,
            line,
            f"not valid UTF-8 text (byte 0x{byte:02X}); the file may be Latin-1 or Windows-1252 "
            "encoded, save it as UTF-8",
        )
    problem = depth_problem(raw)
    if problem is not None:
        return RecordError(display, line, problem)
    if type(value) is not dict:
        return RecordError(
            display, line, f"item {index} of the array is {kind_of(value)}, expected an object"
        )
    try:
        if may_hold_lone_surrogate(raw):
            check_no_lone_surrogate(value)
        return ParsedRecord(line, mapper(value))
    except RecordProblem as bad:
        return RecordError(display, line, bad.message)
