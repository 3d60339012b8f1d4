"""Telling a task file's format from its content, with the file extension only as a tie-breaker.

A file starting with ``[`` is a Label Studio array. A file starting with ``{`` is JSON Lines, and
its first parseable records say which kind: ``data`` → Label Studio, an output field
(``response``/``original``/``output``) → native, ``messages`` → OpenAI chat, ``completion`` or
``chosen``/``rejected`` → TRL. Anything else is read as a CSV/TSV header.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workstation.core.formats.csv_tsv import CSV_PROMPT_COLUMNS, CSV_RESPONSE_COLUMNS
from workstation.core.formats.json_limits import STRICT_JSON, depth_problem
from workstation.core.formats.native import NATIVE_RESPONSE_NAMES
from workstation.core.formats.reading import UnreadableFile, peek_first_char, read_lines

FORMAT_NAMES: tuple[str, ...] = ("native", "openai-chat", "trl", "label-studio", "csv", "tsv")
"""Every import format, by the name ``--format`` takes."""

_RECORDS_TO_TRY = 20
_TSV_SUFFIXES = (".tsv", ".tab")
_CSV_SUFFIXES = (".csv",)
_KNOWN_COLUMNS = frozenset((*CSV_RESPONSE_COLUMNS, *CSV_PROMPT_COLUMNS, "id", "model", "messages"))


class FormatDetectionError(ValueError):
    """The file's format cannot be told. ``str()`` is ``file:line: reason``."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def classify_json_record(record: dict[str, Any]) -> str:
    """The JSON Lines format one parsed record belongs to (see the module docstring)."""
    if isinstance(record.get("data"), dict):
        return "label-studio"
    if any(name in record for name in NATIVE_RESPONSE_NAMES):
        return "native"
    if "messages" in record:
        return "openai-chat"
    if "completion" in record or "chosen" in record or "rejected" in record:
        return "trl"
    return "native"


def _detect_json_lines(path: Path) -> str:
    tried = 0
    for _, text, problem in read_lines(path):
        if problem is not None or text.isspace():
            continue
        tried += 1
        record = None
        if depth_problem(text) is None:
            try:
                record = STRICT_JSON.decode(text)
            except ValueError:  # not JSON, or past a limit: the reader reports it at its line
                record = None
        if isinstance(record, dict):
            return classify_json_record(record)
        if tried >= _RECORDS_TO_TRY:
            break
    return "native"


def _detect_delimited(path: Path) -> str:
    header = ""
    for _, text, _problem in read_lines(path):
        if not text.isspace():
            header = text
            break
    tabs, commas = header.count("\t"), header.count(",")
    if tabs > commas:
        return "tsv"
    if commas > tabs:
        return "csv"
    suffix = path.suffix.lower()
    if suffix in _TSV_SUFFIXES:
        return "tsv"
    if suffix in _CSV_SUFFIXES or header.strip().strip('"').lower() in _KNOWN_COLUMNS:
        return "csv"
    raise FormatDetectionError(
        path,
        1,
        "cannot tell the format: the file is not JSON and its first line is not a CSV or TSV header; "
        "name the format with --format",
    )


def detect_format(path: Path | str) -> str:
    """Name the import format of ``path`` (one of :data:`FORMAT_NAMES`) by peeking at its start.

    Reads only the first few records. Raises :class:`FormatDetectionError` (a ValueError) with a
    sentence when the file is empty, not UTF-8 text, or of no known format.
    """
    path = Path(path)
    try:
        first = peek_first_char(path)
        if first is None:
            raise FormatDetectionError(path, 1, "the file is empty")
        if first == "[":
            return "label-studio"
        if first == "{":
            return _detect_json_lines(path)
        return _detect_delimited(path)
    except UnreadableFile as unreadable:
        raise FormatDetectionError(path, unreadable.line, unreadable.message) from None
