"""Label Studio tasks: a JSON array (its export format) or JSON Lines of task objects.

Each task keeps its content in ``data``; the output to rewrite is read from ``data.response`` (or
``output``, ``completion``, ``original``, ``text``, ``answer``), the context from ``data.prompt``
(or ``question``, ``instruction``, ``input``) and/or ``data.messages``. The id is ``data.id`` when
the data has one, else the task's own ``id``. Other ``data`` keys go to metadata; the task's other
top-level keys (``annotations``, ``meta``, the task's ``id`` when ``data.id`` was used...) are
kept under ``metadata["label_studio"]``.
Objects without ``data`` are read as if they were the data themselves, so a plain JSON array of
native records imports too. Mapped field names may be written with or without ``data.``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workstation.core.formats.fields import FieldMap, build_field_map, kind_of
from workstation.core.formats.json_array import read_json_array
from workstation.core.formats.json_records import JsonShape, RecordMapper, make_mapper
from workstation.core.formats.jsonl import read_json_lines
from workstation.core.formats.reading import ReadProgress, UnreadableFile, peek_first_char
from workstation.core.formats.records import CheckedTask, ParsedRecord, RecordError, RecordProblem

LABEL_STUDIO_RESPONSE_NAMES: tuple[str, ...] = (
    "response",
    "output",
    "completion",
    "original",
    "text",
    "answer",
)
LABEL_STUDIO_PROMPT_NAMES: tuple[str, ...] = ("prompt", "question", "instruction", "input")

LABEL_STUDIO_SHAPE = JsonShape(
    response_names=LABEL_STUDIO_RESPONSE_NAMES,
    prompt_names=LABEL_STUDIO_PROMPT_NAMES,
    messages_names=("messages",),
    conversations=True,
)


def make_label_studio_mapper(fields: FieldMap) -> RecordMapper:
    """Build the function that maps one Label Studio task object to a task."""
    relative = build_field_map({target: name.removeprefix("data.") for target, name in fields.names.items()})
    map_data = make_mapper(LABEL_STUDIO_SHAPE, relative)
    id_mapped = fields.source("id") is not None

    def map_task(task: dict[str, Any]) -> CheckedTask:
        if "data" not in task:
            return map_data(task)
        data = task["data"]
        if not isinstance(data, dict):
            raise RecordProblem(f'"data" must be an object, got {kind_of(data)}')
        use_task_id = task.get("id") is not None and "id" not in data and not id_mapped
        extra = {
            key: value
            for key, value in task.items()
            if key != "data" and not (key == "id" and (use_task_id or value is None))
        }
        if extra or use_task_id:
            data = dict(data)
            if extra:
                data["label_studio"] = extra  # e.g. annotations, meta, and the task id if data has its own
            if use_task_id:
                data["id"] = task["id"]
        return map_data(data)

    return map_task


def read_label_studio(
    path: Path, display: str, fields: FieldMap, *, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every Label Studio task, from an array or JSON Lines file."""
    mapper = make_label_studio_mapper(fields)
    try:
        first = peek_first_char(path)
    except UnreadableFile as unreadable:
        return iter([RecordError(display, unreadable.line, unreadable.message)])
    if first == "[":
        return read_json_array(path, display, mapper, progress=progress)
    return read_json_lines(path, display, mapper, progress=progress)
