"""OpenAI chat JSON Lines (the fine-tuning ``messages`` format).

Each line holds ``messages``; the last turn must be the assistant's, and that turn is the text to
rewrite while the turns before it are the context. Content may be a string or a list of text
parts. A top-level ``id`` and ``metadata`` are used; other keys (``tools``...) go to metadata.
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


def _missing_messages(record: dict[str, Any]) -> str:
    return 'the "messages" list is missing; OpenAI chat lines need "messages" ending in an assistant turn'


OPENAI_CHAT_SHAPE = JsonShape(
    response_names=(), prompt_names=(), messages_names=("messages",), missing_response=_missing_messages
)


def read_openai_chat(
    path: Path, display: str, fields: FieldMap, *, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every non-blank line of an OpenAI chat JSONL file."""
    return read_json_lines(path, display, make_mapper(OPENAI_CHAT_SHAPE, fields), progress=progress)
