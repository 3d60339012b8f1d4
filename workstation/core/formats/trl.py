"""TRL prompt/completion JSON Lines, in the plain and the conversational form.

Plain: ``{"prompt": "...", "completion": "..."}``. Conversational: ``prompt`` is a list of chat
turns and ``completion`` a list holding the assistant's turn. Preference rows
(``prompt``/``chosen``/``rejected``) have no single output to rewrite, so they are refused with a
hint unless the user picks one with ``--field response=rejected``; the other answer is kept in
the task's metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workstation.core.formats.fields import FieldMap
from workstation.core.formats.json_records import JsonShape, make_mapper
from workstation.core.formats.jsonl import read_json_lines
from workstation.core.formats.reading import ReadProgress
from workstation.core.formats.records import ParsedRecord, RecordError


def _missing_completion(record: dict[str, Any]) -> str:
    if "chosen" in record or "rejected" in record:
        return (
            'this is a preference row ("chosen" and "rejected"), which has no single output to '
            "rewrite; pick one with --field response=rejected (the robotic answer) or response=chosen"
        )
    return 'the "completion" field is missing; TRL rows need "prompt" and "completion"'


TRL_SHAPE = JsonShape(
    response_names=("completion",),
    prompt_names=("prompt",),
    messages_names=(),
    conversations=True,
    missing_response=_missing_completion,
)


def read_trl(
    path: Path, display: str, fields: FieldMap, *, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every non-blank line of a TRL prompt/completion file."""
    return read_json_lines(path, display, make_mapper(TRL_SHAPE, fields), progress=progress)
