"""``records/rewrites.jsonl``: one canonical JSON object per rewrite, sorted by rewrite id.

Records are whatever the store hands over (prompt, ratings, tags, edit metrics, ...); this module
only insists on the fields every consumer relies on, and that ``original_sha256`` really is the
hash of ``original``, so a reviewer can tie a rewrite to the exact text it replaced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from workstation.core.bundles.canonical_json import JsonInputError, canonical_json_bytes, loads_strict

REQUIRED_TEXT_FIELDS = ("rewrite_id", "task_id", "original_sha256", "original", "rewrite", "status")
_NON_EMPTY_FIELDS = ("rewrite_id", "task_id", "status")


class RecordError(ValueError):
    """A record is missing a required field, has the wrong type, or contradicts itself."""


def validate_record(record: Mapping[str, Any], position: int | None = None) -> None:
    """Check the fields every bundle record must have; raises RecordError naming the problem."""
    where = f"record {position}" if position is not None else "record"
    if not isinstance(record, Mapping):
        raise RecordError(f"{where} is not a JSON object")
    for field in REQUIRED_TEXT_FIELDS:
        if field not in record:
            raise RecordError(f"{where} has no {field!r}")
        if not isinstance(record[field], str):
            raise RecordError(f"{where}: {field!r} must be a string")
    for field in _NON_EMPTY_FIELDS:
        if not record[field]:
            raise RecordError(f"{where}: {field!r} must not be empty")
    where = f"{where} ({record['rewrite_id']!r})"
    try:
        expected = hashlib.sha256(record["original"].encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise RecordError(f"{where}: original is not valid Unicode text") from exc
    if record["original_sha256"] != expected:
        raise RecordError(f"{where}: original_sha256 is not the SHA-256 of original")


def serialize_records(records: Iterable[Mapping[str, Any]]) -> bytes:
    """Validate and write records as JSONL: canonical JSON per line, sorted by rewrite id, ``\\n`` ends.

    Raises RecordError for invalid or duplicate records and for values JSON cannot hold exactly.
    """
    checked: list[Mapping[str, Any]] = []
    for position, record in enumerate(records):
        validate_record(record, position)
        checked.append(record)
    checked.sort(key=lambda record: record["rewrite_id"])
    lines: list[bytes] = []
    previous_id: str | None = None
    for record in checked:
        if record["rewrite_id"] == previous_id:
            raise RecordError(f"rewrite id {previous_id!r} appears twice")
        previous_id = record["rewrite_id"]
        try:
            lines.append(canonical_json_bytes(dict(record)))
        except JsonInputError as exc:
            raise RecordError(f"record {previous_id!r}: {exc}") from exc
    return b"".join(line + b"\n" for line in lines)


def parse_records(data: bytes) -> list[dict[str, Any]]:
    """Read a records file back, checking each record and the sort order; raises RecordError."""
    if not data:
        return []
    if not data.endswith(b"\n"):
        raise RecordError("records file does not end with a newline")
    records: list[dict[str, Any]] = []
    previous_id: str | None = None
    for line_number, line in enumerate(data[:-1].split(b"\n"), start=1):
        try:
            record = loads_strict(line)
        except JsonInputError as exc:
            raise RecordError(f"line {line_number} is not strict JSON: {exc}") from exc
        if not isinstance(record, dict):
            raise RecordError(f"line {line_number} is not a JSON object")
        validate_record(record, line_number)
        if previous_id is not None and record["rewrite_id"] <= previous_id:
            raise RecordError(f"line {line_number}: records are not sorted by unique rewrite id")
        previous_id = record["rewrite_id"]
        records.append(record)
    return records
