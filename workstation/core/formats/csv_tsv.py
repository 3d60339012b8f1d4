"""CSV and TSV files with a header row.

Columns: ``id``, ``prompt`` (also ``instruction``, ``question``), ``response`` (also ``output``,
``completion``, ``original``), ``model`` and optionally ``messages`` (a JSON list of turns). Column
names match without regard to case; every other column becomes a metadata entry (text). Quoted
fields may span lines; each row is reported at the physical line where it starts. Rows with more
or fewer fields than the header are errors, as is a quote that is never closed.

Importing raises the process-wide ``csv.field_size_limit`` to :data:`MAX_RECORD_BYTES` so a
10 MB answer in one cell is read like any other.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workstation.core.formats.fields import FieldMap
from workstation.core.formats.json_limits import STRICT_JSON, depth_problem, describe_value_error
from workstation.core.formats.messages import ChatTurn, parse_turns
from workstation.core.formats.reading import MAX_RECORD_BYTES, ReadProgress, UnreadableFile, read_lines
from workstation.core.formats.records import ParsedRecord, RecordError, RecordProblem
from workstation.core.formats.task_building import build_task

CSV_RESPONSE_COLUMNS: tuple[str, ...] = ("response", "output", "completion", "original")
CSV_PROMPT_COLUMNS: tuple[str, ...] = ("prompt", "instruction", "question")

if csv.field_size_limit() < MAX_RECORD_BYTES:
    csv.field_size_limit(MAX_RECORD_BYTES)


class _RowTooLarge(Exception):
    pass


class _LineFeed:
    """Feeds decoded physical lines to ``csv.reader`` and remembers encoding problems by line."""

    def __init__(self, path: Path, progress: ReadProgress | None = None) -> None:
        self._lines = read_lines(path, progress=progress)
        self.problems: list[tuple[int, str]] = []
        self.chars_in_row = 0

    def __iter__(self) -> Iterator[str]:
        for number, text, problem in self._lines:
            if problem is not None:
                self.problems.append((number, problem))
            self.chars_in_row += len(text)
            if self.chars_in_row > MAX_RECORD_BYTES:
                raise _RowTooLarge
            if text.endswith("\r\n"):
                text = text[:-2] + "\n"
            yield text


@dataclass(frozen=True)
class _Columns:
    header: tuple[str, ...]
    response: int
    prompt: int | None
    id: int | None
    model: int | None
    messages: int | None
    metadata: tuple[int, ...]


def _find_column(
    lowered: dict[str, int], header: tuple[str, ...], target: str, defaults: tuple[str, ...], fields: FieldMap
) -> int | None:
    mapped = fields.source(target)
    if mapped is None:
        for name in defaults:
            if name in lowered:
                return lowered[name]
        return None
    if mapped.lower() in lowered:
        return lowered[mapped.lower()]
    raise RecordProblem(
        f'there is no column "{mapped}" (given with --field {target}={mapped}); '
        f"the header has {', '.join(header)}"
    )


def _read_header(row: list[str], fields: FieldMap) -> _Columns:
    header = tuple(cell.strip() for cell in row)
    lowered: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            raise RecordProblem(f"header column {index + 1} has no name")
        if name.lower() in lowered:
            raise RecordProblem(f'the header names the column "{name}" twice')
        lowered[name.lower()] = index
    response = _find_column(lowered, header, "response", CSV_RESPONSE_COLUMNS, fields)
    if response is None:
        hint = ""
        if len(header) == 1 and ";" in header[0]:
            hint = "; the header looks semicolon-separated, save the file with commas or tabs"
        raise RecordProblem(
            "missing header column for the model output; expected one of "
            f"{', '.join(CSV_RESPONSE_COLUMNS)} (or name it with --field response=COLUMN){hint}"
        )
    prompt = _find_column(lowered, header, "prompt", CSV_PROMPT_COLUMNS, fields)
    task_id = _find_column(lowered, header, "id", ("id",), fields)
    model = _find_column(lowered, header, "model", ("model",), fields)
    messages = _find_column(lowered, header, "messages", ("messages",), fields)
    used = {response, prompt, task_id, model, messages}
    metadata = tuple(index for index in range(len(header)) if index not in used)
    return _Columns(header, response, prompt, task_id, model, messages, metadata)


def _row_messages(cell: str, name: str) -> list[ChatTurn] | None:
    if not cell.strip():
        return None
    problem = depth_problem(cell)
    if problem is not None:
        raise RecordProblem(f'the "{name}" column is {problem}')
    try:
        value = STRICT_JSON.decode(cell)
    except json.JSONDecodeError:
        raise RecordProblem(f'the "{name}" column must hold a JSON list of messages') from None
    except ValueError as error:  # a number that is not finite, or too long to read
        raise RecordProblem(f'the "{name}" column: {describe_value_error(error)}') from None
    return parse_turns(value, name)


def _cell(row: list[str], index: int | None) -> str | None:
    """The cell at ``index``, with an empty cell (or no such column) read as None."""
    if index is None:
        return None
    return row[index] or None


def _map_row(row: list[str], columns: _Columns, line: int) -> ParsedRecord:
    if len(row) != len(columns.header):
        hint = " (an unquoted delimiter inside a field?)" if len(row) > len(columns.header) else ""
        raise RecordProblem(f"the row has {len(row)} fields but the header has {len(columns.header)}{hint}")
    header = columns.header
    task = build_task(
        original=row[columns.response],
        original_label=header[columns.response],
        task_id=_cell(row, columns.id),
        prompt=_cell(row, columns.prompt),
        messages=None
        if columns.messages is None
        else _row_messages(row[columns.messages], header[columns.messages]),
        model=_cell(row, columns.model),
        metadata={header[index]: row[index] for index in columns.metadata},
    )
    return ParsedRecord(line, task)


def _is_blank(row: list[str]) -> bool:
    return not row or (len(row) == 1 and not row[0].strip())


def _csv_error_message(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return "the file ends inside a quoted field that starts in this row (a missing closing quote?)"
    return f"this row is not valid CSV ({error})"


def read_delimited(
    path: Path, display: str, fields: FieldMap, *, delimiter: str, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every row of a CSV (``","``) or TSV (``"\\t"``) file."""
    feed = _LineFeed(path, progress)
    reader = csv.reader(iter(feed), delimiter=delimiter, strict=True)
    columns: _Columns | None = None
    previous_end = 0
    try:
        while True:
            start = previous_end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                previous_end = reader.line_num
                feed.chars_in_row = 0
                feed.problems.clear()  # this row is reported once, for its CSV error
                yield RecordError(display, start, _csv_error_message(error))
                continue
            previous_end = reader.line_num
            feed.chars_in_row = 0
            if feed.problems:
                yield RecordError(display, feed.problems[0][0], feed.problems[0][1])
                feed.problems.clear()
                if columns is None:
                    return
                continue
            if _is_blank(row):
                continue
            try:
                if columns is None:
                    columns = _read_header(row, fields)
                    continue
                yield _map_row(row, columns, start)
            except RecordProblem as bad:
                yield RecordError(display, start, bad.message)
                if columns is None:
                    return
    except UnreadableFile as unreadable:
        yield RecordError(display, unreadable.line, unreadable.message)
    except _RowTooLarge:
        megabytes = MAX_RECORD_BYTES // (1024 * 1024)
        yield RecordError(
            display,
            previous_end + 1,
            f"the row is larger than {megabytes} MB, the most one record may hold (a missing closing quote?)",
        )
