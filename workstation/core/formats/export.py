"""Writing training data out: :func:`write_export` in one of :data:`EXPORT_FORMATS`.

Rows are streamed (constant memory) into a temp file that replaces the target only when every
row is written, so a failed export never leaves half a file. JSON Lines: UTF-8, LF, one object
per line, non-ASCII text written as itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from workstation.core.files.atomic import atomic_text_writer
from workstation.core.formats.export_rows import (
    Row,
    conversational_trl_row,
    openai_dpo_row,
    sft_messages_row,
    trl_preference_row,
)
from workstation.core.models import Rewrite, Task
from workstation.core.records import export_record

EXPORT_FORMATS: tuple[str, ...] = ("trl-preference", "sft-messages", "openai-dpo", "jsonl")

_ROW_BUILDERS: dict[str, Callable[[Task, Rewrite], Row]] = {
    "trl-preference": trl_preference_row,
    "sft-messages": sft_messages_row,
    "openai-dpo": openai_dpo_row,
    "jsonl": export_record,
}

_encode = json.JSONEncoder(ensure_ascii=False).encode


def write_export(pairs: Iterable[tuple[Task, Rewrite]], fmt: str, out: Path | str) -> int:
    """Write one JSON line per (task, rewrite) pair to ``out`` and return how many were written.

    ``trl-preference`` uses the conversational form for tasks that came with messages and plain
    strings otherwise, but one file always uses one form so dataset loaders see one schema: once
    a conversational row appears, every later row is written conversational, and plain rows
    written before it are converted in a second streaming pass. Raises ValueError for an unknown
    format or a rewrite paired with another task's id; any error leaves ``out`` untouched.
    """
    if fmt not in _ROW_BUILDERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    build = _ROW_BUILDERS[fmt]
    out = Path(out)
    is_trl = fmt == "trl-preference"
    written = 0
    plain_before_conversational = 0
    conversational = False
    with atomic_text_writer(out) as stream:
        write = stream.write
        for task, rewrite in pairs:
            if rewrite.task_id != task.id:
                raise ValueError(
                    f"rewrite {rewrite.rewrite_id} belongs to task {rewrite.task_id}, not {task.id}"
                )
            row = build(task, rewrite)
            if is_trl:
                if conversational:
                    row = conversational_trl_row(row)
                elif isinstance(row["prompt"], list):
                    conversational = True
                    plain_before_conversational = written
            write(_encode(row) + "\n")
            written += 1
    if plain_before_conversational:
        _convert_leading_trl_rows(out, plain_before_conversational)
    return written


def _convert_leading_trl_rows(path: Path, count: int) -> None:
    """Rewrite the first ``count`` (plain) rows of a TRL file in the conversational form.

    Streams the file into a new one atomically; rows after ``count`` are copied as they are.
    """
    decode = json.JSONDecoder().decode
    with path.open(encoding="utf-8", newline="\n") as source, atomic_text_writer(path) as stream:
        for number, line in enumerate(source):
            if number < count:
                line = _encode(conversational_trl_row(decode(line))) + "\n"
            stream.write(line)
