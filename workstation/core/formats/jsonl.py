"""The JSON Lines reading loop every line-based JSON format shares.

One record per physical line; blank lines are skipped; each bad line becomes a
:class:`RecordError` and reading goes on, so a file's every problem is reported in one pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workstation.core.formats.fields import kind_of
from workstation.core.formats.json_limits import STRICT_JSON, depth_problem, describe_value_error
from workstation.core.formats.json_records import RecordMapper
from workstation.core.formats.reading import ReadProgress, UnreadableFile, read_lines
from workstation.core.formats.records import ParsedRecord, RecordError, RecordProblem
from workstation.core.formats.task_building import check_no_lone_surrogate, may_hold_lone_surrogate

_TRUNCATION_TAIL = 6  # a cut-off literal such as `fals` or `-12.` is at most this long


def describe_json_error(error: json.JSONDecodeError, line_text: str) -> str:
    """A sentence for a line that is not JSON, telling a cut-off record from a malformed one."""
    body = line_text.rstrip("\r\n")
    if body.strip() in ("{", "["):
        return (
            f'the line holds only "{body.strip()}": this looks like pretty-printed JSON, but JSON '
            "Lines needs each whole record on one line"
        )
    tail = body[error.pos :].strip()
    cut_off = error.msg.startswith("Unterminated string") or (
        len(tail) <= _TRUNCATION_TAIL and "}" not in tail and "]" not in tail and error.msg != "Extra data"
    )
    if cut_off:
        hint = (
            "truncated file?" if not line_text.endswith("\n") else "is one record split over several lines?"
        )
        return f"the line ends before the JSON object is complete ({hint})"
    return f"not valid JSON ({error.msg} at column {error.colno})"


def decode_object(text: str) -> dict[str, Any]:
    """Parse one line into a JSON object; raises :class:`RecordProblem` with a sentence.

    Nesting deeper than the limit, ``NaN``/``Infinity`` and numbers that overflow are refused
    (see :mod:`~workstation.core.formats.json_limits`).
    """
    problem = depth_problem(text)
    if problem is not None:
        raise RecordProblem(problem)
    try:
        value = STRICT_JSON.decode(text)
    except json.JSONDecodeError as error:
        raise RecordProblem(describe_json_error(error, text)) from None
    except ValueError as error:  # a number that is not finite, or too long to read
        raise RecordProblem(describe_value_error(error)) from None
    if type(value) is not dict:
        raise RecordProblem(f"expected a JSON object on this line, got {kind_of(value)}")
    return value


def read_json_lines(
    path: Path, display: str, mapper: RecordMapper, *, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every non-blank line of a JSON Lines file."""
    decode = STRICT_JSON.decode
    try:
        for number, text, problem in read_lines(path, progress=progress):
            if problem is not None:
                yield RecordError(display, number, problem)
                continue
            if text.isspace():
                continue
            try:
                problem = depth_problem(text)
                if problem is not None:
                    raise RecordProblem(problem)
                try:
                    record = decode(text)
                except ValueError:
                    # a BOM mid-file comes from concatenating files; anything else raises a sentence
                    record = decode_object(text.removeprefix("\ufeff"))
                if type(record) is not dict:
                    record = decode_object(text)
                if may_hold_lone_surrogate(text):
                    check_no_lone_surrogate(record)
                task = mapper(record)
            except RecordProblem as bad:
                yield RecordError(display, number, bad.message)
                continue
            yield ParsedRecord(number, task)
    except UnreadableFile as unreadable:
        yield RecordError(display, unreadable.line, unreadable.message)
