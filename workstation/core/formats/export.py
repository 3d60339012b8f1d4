"""Writing training data out: :func:`write_export` in one of :data:`EXPORT_FORMATS`.

Rows are streamed (constant memory) into a temp file that replaces the target only when every
row is written, so a failed export never leaves half a file; a device, a FIFO or an open stream
(standard output) is written through instead. JSON Lines: UTF-8, LF, one object
per line, non-ASCII text written as itself, never ``NaN`` or ``Infinity`` (not JSON: the data
team's readers refuse the whole file).

A row that cannot be written as JSON (a NaN or an infinity stored before imports refused them)
is left out with a sentence naming its task and field, and the rest is written: the caller gets
the refused rows in :class:`ExportResult`. When every row is refused, :class:`NothingExported`
is raised and ``out`` is left as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from workstation.core.files.atomic import atomic_text_writer, writes_through
from workstation.core.formats.export_rows import (
    Row,
    conversational_trl_row,
    openai_dpo_row,
    sft_messages_row,
    trl_preference_row,
)
from workstation.core.formats.json_limits import non_finite_problem
from workstation.core.models import Rewrite, Task
from workstation.core.records import export_record

EXPORT_FORMATS: tuple[str, ...] = ("trl-preference", "sft-messages", "openai-dpo", "jsonl")

_ROW_BUILDERS: dict[str, Callable[[Task, Rewrite], Row]] = {
    "trl-preference": trl_preference_row,
    "sft-messages": sft_messages_row,
    "openai-dpo": openai_dpo_row,
    "jsonl": export_record,
}

_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


@dataclass(frozen=True)
class RefusedRow:
    """A rewrite an export left out because its row cannot be written as JSON."""

    task_id: str
    rewrite_id: str
    reason: str

    def __str__(self) -> str:
        return f"task {self.task_id!r} was not exported: {self.reason}"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: ``written`` rows, and the rows it had to leave out."""

    written: int
    refused: tuple[RefusedRow, ...] = ()
    unconfirmed: int = 0
    """Submitted rewrites the store left out: edited after submit, not submitted again."""


class NothingExported(ValueError):
    """Every row was refused, so nothing was written and ``out`` is as it was."""

    def __init__(self, refused: tuple[RefusedRow, ...]) -> None:
        count = len(refused)
        super().__init__(
            f"nothing was exported: {'the' if count == 1 else f'all {count}'} "
            f"rewrite{'s' if count != 1 else ''} could not be written as JSON: "
            + "; ".join(str(row) for row in refused)
        )
        self.refused = refused


SPOOL_IN_MEMORY_BYTES = 8 * 1024 * 1024
"""A TRL export to a stream is held in memory up to this size, then spooled to a temporary file."""


def write_export(pairs: Iterable[tuple[Task, Rewrite]], fmt: str, out: Path | str | TextIO) -> ExportResult:
    """Write one JSON line per (task, rewrite) pair to ``out``; returns what was written and refused.

    ``out`` is a path or an open text stream (the command line passes standard output for
    ``--out -``). A path is written as :mod:`~workstation.core.files.atomic` says: a file is
    replaced only once every row is written, a device or a FIFO is written through.

    ``trl-preference`` uses the conversational form for tasks that came with messages and plain
    strings otherwise, but one file always uses one form so dataset loaders see one schema: once
    a conversational row appears, every later row is written conversational, and plain rows
    written before it are converted in a second streaming pass (for a stream or a device, whose
    rows cannot be read back, the rows are spooled to a temporary file first).

    A pair whose row holds a NaN or an infinity is refused (``ExportResult.refused``) and the
    others are written; raises NothingExported when there were pairs and every one was refused.
    Raises ValueError for an unknown format or a rewrite paired with another task's id; any
    error leaves a file ``out`` untouched.
    """
    if fmt not in _ROW_BUILDERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    build = _ROW_BUILDERS[fmt]
    is_trl = fmt == "trl-preference"
    if isinstance(out, str | os.PathLike):
        path = Path(out)
        if not writes_through(path):
            with atomic_text_writer(path) as stream:
                result, plain_before_conversational = _write_rows(pairs, build, is_trl, stream)
            if plain_before_conversational:
                _convert_leading_trl_rows(path, plain_before_conversational)
            return result
        with atomic_text_writer(path) as stream:
            return _write_to_stream(pairs, build, is_trl, stream)
    return _write_to_stream(pairs, build, is_trl, out)


def _write_rows(
    pairs: Iterable[tuple[Task, Rewrite]], build: Callable[[Task, Rewrite], Row], is_trl: bool, stream: TextIO
) -> tuple[ExportResult, int]:
    """Write the rows; returns what was written and refused, and the plain TRL rows written
    before the first conversational one. Raises NothingExported when every row was refused."""
    write = stream.write
    written = 0
    refused: list[RefusedRow] = []
    plain_before_conversational = 0
    conversational = False
    for task, rewrite in pairs:
        if rewrite.task_id != task.id:
            raise ValueError(f"rewrite {rewrite.rewrite_id} belongs to task {rewrite.task_id}, not {task.id}")
        row = build(task, rewrite)
        if is_trl and conversational:
            row = conversational_trl_row(row)
        try:
            line = _encode(row)
        except ValueError:
            problem = non_finite_problem(row)
            if problem is None:
                raise
            refused.append(RefusedRow(task.id, rewrite.rewrite_id, problem))
            continue
        if is_trl and not conversational and isinstance(row["prompt"], list):
            conversational = True
            plain_before_conversational = written
        write(line + "\n")
        written += 1
    if refused and not written:
        raise NothingExported(tuple(refused))
    return ExportResult(written, tuple(refused)), plain_before_conversational


def _write_to_stream(
    pairs: Iterable[tuple[Task, Rewrite]], build: Callable[[Task, Rewrite], Row], is_trl: bool, stream: TextIO
) -> ExportResult:
    """Rows into a stream that cannot be read back: TRL rows go through a spool file (see write_export)."""
    if not is_trl:
        return _write_rows(pairs, build, is_trl, stream)[0]
    with tempfile.SpooledTemporaryFile(
        max_size=SPOOL_IN_MEMORY_BYTES, mode="w+", encoding="utf-8", newline="\n"
    ) as spool:
        result, plain_before_conversational = _write_rows(pairs, build, is_trl, spool)  # type: ignore[arg-type]
        spool.seek(0)
        _copy_converting(spool, stream, plain_before_conversational)  # type: ignore[arg-type]
    return result


def _convert_leading_trl_rows(path: Path, count: int) -> None:
    """Rewrite the first ``count`` (plain) rows of a TRL file in the conversational form.

    Streams the file into a new one atomically; rows after ``count`` are copied as they are.
    """
    with path.open(encoding="utf-8", newline="\n") as source, atomic_text_writer(path) as stream:
        _copy_converting(source, stream, count)


def _copy_converting(source: TextIO, stream: TextIO, count: int) -> None:
    """Copy JSON lines from ``source`` to ``stream``, the first ``count`` made conversational."""
    decode = json.JSONDecoder().decode
    for number, line in enumerate(source):
        if number < count:
            line = _encode(conversational_trl_row(decode(line))) + "\n"
        stream.write(line)
