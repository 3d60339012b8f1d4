"""The one entry point for reading task files: :func:`read_tasks`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Protocol

from workstation.core.formats.csv_tsv import read_delimited
from workstation.core.formats.detect import FORMAT_NAMES, FormatDetectionError, detect_format
from workstation.core.formats.fields import FieldMap, build_field_map
from workstation.core.formats.label_studio import read_label_studio
from workstation.core.formats.native import read_native
from workstation.core.formats.openai_chat import read_openai_chat
from workstation.core.formats.reading import ReadProgress, UnreadableFile, peek_first_char
from workstation.core.formats.records import ParsedRecord, RecordError
from workstation.core.formats.trl import read_trl

IMPORT_FORMATS: tuple[str, ...] = FORMAT_NAMES

FORMAT_ALIASES: Mapping[str, str] = {
    "jsonl": "native",
    "openai": "openai-chat",
    "label_studio": "label-studio",
}
"""Other spellings ``--format`` accepts."""


class Reader(Protocol):
    """One format's reader: the records of ``path`` (``display`` names it in errors)."""

    def __call__(
        self, path: Path, display: str, fields: FieldMap, *, progress: ReadProgress | None = None
    ) -> Iterator[ParsedRecord | RecordError]: ...


_READERS: Mapping[str, Reader] = {
    "native": read_native,
    "openai-chat": read_openai_chat,
    "trl": read_trl,
    "label-studio": read_label_studio,
    "csv": partial(read_delimited, delimiter=","),
    "tsv": partial(read_delimited, delimiter="\t"),
}


def resolve_format_name(name: str) -> str:
    """The canonical import format for ``name`` (aliases allowed); ValueError if unknown."""
    canonical = FORMAT_ALIASES.get(name.strip().lower(), name.strip().lower())
    if canonical not in _READERS:
        raise ValueError(f"unknown import format {name!r}; choose one of {', '.join(IMPORT_FORMATS)}")
    return canonical


def read_tasks(
    path: Path | str,
    *,
    format: str | None = None,
    field_map: Mapping[str, str] | None = None,
    progress: ReadProgress | None = None,
) -> Iterator[ParsedRecord | RecordError]:
    """Stream the tasks of one file: a :class:`ParsedRecord` per good record, a
    :class:`RecordError` per bad one, in file order.

    Bad content never raises: the caller collects every error and rolls the file back. Memory
    stays bounded by one record (at most 64 MB) whatever the file size. ``format`` overrides
    auto-detection; ``field_map`` maps targets (``response``, ``prompt``, ``id``, ``model``,
    ``messages``) to the file's own field names (dotted paths in JSON formats). ``progress``
    hears how many of the file's bytes the reader has taken in (format detection not counted).

    Raises ValueError for an unknown format or field-map key, FileNotFoundError /
    IsADirectoryError when the path is not a readable file, before anything is read.
    """
    fields = build_field_map(field_map)
    reader_name = resolve_format_name(format) if format is not None else None
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder, not a task file")
    display = str(path)
    if reader_name is None:
        try:
            if peek_first_char(path) is None:
                return iter(())  # an empty or blank file holds no tasks, whatever its format
            reader_name = detect_format(path)
        except UnreadableFile as unreadable:
            return iter([RecordError(display, unreadable.line, unreadable.message)])
        except FormatDetectionError as error:
            return iter([RecordError(display, error.line, error.reason)])
    return _READERS[reader_name](path, display, fields, progress=progress)
