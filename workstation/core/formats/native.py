"""Native JSON Lines: the workstation's own task format.

One object per line: ``id``, ``prompt`` and/or ``messages`` (the context), ``response`` (also
accepted as ``original`` or ``output``: the model output to rewrite), ``model``, ``metadata``.
Other top-level keys are kept in ``metadata``, so a file exported with the ``jsonl`` exporter comes
back with its original as the output and everything else as metadata.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from workstation.core.formats.fields import FieldMap
from workstation.core.formats.json_records import JsonShape, make_mapper
from workstation.core.formats.jsonl import read_json_lines
from workstation.core.formats.reading import ReadProgress
from workstation.core.formats.records import ParsedRecord, RecordError

NATIVE_RESPONSE_NAMES: tuple[str, ...] = ("response", "original", "output")

NATIVE_SHAPE = JsonShape(response_names=NATIVE_RESPONSE_NAMES)


def read_native(
    path: Path, display: str, fields: FieldMap, *, progress: ReadProgress | None = None
) -> Iterator[ParsedRecord | RecordError]:
    """Yield a task or an error for every non-blank line of a native JSONL file."""
    return read_json_lines(path, display, make_mapper(NATIVE_SHAPE, fields), progress=progress)
