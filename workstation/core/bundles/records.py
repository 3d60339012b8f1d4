"""``records/rewrites.jsonl``: one canonical JSON object per rewrite, sorted by rewrite id.

Records are whatever the store hands over (prompt, ratings, tags, edit metrics, ...); this module
only insists on the fields every consumer relies on, and that ``original_sha256`` really is the
hash of ``original``, so a reviewer can tie a rewrite to the exact text it replaced, and that an
``effort`` object (format version 2 on; optional, version 1 records have none) holds together.

The file's rules (canonical lines, sorted by a unique id, one validator per record) are shared by
every bundle kind: :class:`RecordRules` names the id field and the validator, and each function
here takes them (rewrite records by default). Verdict bundles bring their own rules.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from workstation.core.bundles.canonical_json import JsonInputError, canonical_json_bytes, loads_strict
from workstation.core.bundles.spec import DEFAULT_LIMITS
from workstation.core.effort.sealed_effort import RECORD_FIELD as EFFORT_FIELD
from workstation.core.effort.sealed_effort import EffortRecordError, effort_from_record

REQUIRED_TEXT_FIELDS = ("rewrite_id", "task_id", "original_sha256", "original", "rewrite", "status")
_NON_EMPTY_FIELDS = ("rewrite_id", "task_id", "status")
_BUNDLE_ID = re.compile(r"sha256:[0-9a-f]{64}")


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
    _check_revision_of(record.get("revision_of"), where)
    try:
        effort_from_record(record.get(EFFORT_FIELD), len(record["rewrite"]))
    except EffortRecordError as exc:
        raise RecordError(f"{where}: {exc}") from None


def _check_revision_of(value: Any, where: str) -> None:
    """``revision_of`` is optional (bundles sealed before revisions lack it): absent, null, or
    ``{"bundle_id": "sha256:...", "rewrite_id": "..."}`` naming the sealed rewrite this one revises."""
    if value is None:
        return
    if not isinstance(value, Mapping) or set(value) != {"bundle_id", "rewrite_id"}:
        raise RecordError(f"{where}: revision_of must hold exactly bundle_id and rewrite_id")
    bundle_id, rewrite_id = value["bundle_id"], value["rewrite_id"]
    if not isinstance(bundle_id, str) or not _BUNDLE_ID.fullmatch(bundle_id):
        raise RecordError(f"{where}: revision_of.bundle_id is not a bundle id")
    if not isinstance(rewrite_id, str) or not rewrite_id:
        raise RecordError(f"{where}: revision_of.rewrite_id must be a non-empty string")


RecordValidator = Callable[[Mapping[str, Any], int | None], None]


@dataclass(frozen=True)
class RecordRules:
    """What one kind of records file insists on: the unique id each record is sorted by, and the
    check every record must pass (raising RecordError)."""

    id_field: str
    validate: RecordValidator

    @property
    def id_words(self) -> str:
        """The id field as people read it in messages (``rewrite id``)."""
        return self.id_field.replace("_", " ")


REWRITE_RECORDS = RecordRules(id_field="rewrite_id", validate=validate_record)


def encode_record(
    record: Mapping[str, Any], position: int | None = None, rules: RecordRules = REWRITE_RECORDS
) -> bytes:
    """Check one record and return its canonical JSON line (without the newline).

    Raises RecordError naming the record when a field is missing or wrong, or when a value cannot
    be held exactly (a NaN or infinity, nesting past the limit), so the caller can leave just this
    record out.
    """
    rules.validate(record, position)
    record_id = record[rules.id_field]
    try:
        line = canonical_json_bytes(dict(record))
    except JsonInputError as exc:
        raise RecordError(f"record {record_id!r}: {exc}") from exc
    if len(line) > DEFAULT_LIMITS.max_record_bytes:
        raise RecordError(
            f"record {record_id!r} takes {len(line)} bytes, more than the "
            f"{DEFAULT_LIMITS.max_record_bytes} one record may take in a bundle"
        )
    return line


def join_records(lines: Iterable[tuple[str, bytes]], rules: RecordRules = REWRITE_RECORDS) -> bytes:
    """The records file from ``(record id, encoded line)`` pairs: sorted by id, ``\n`` ends.

    Raises RecordError when an id repeats.
    """
    ordered = sorted(lines, key=lambda pair: pair[0])
    for (previous_id, _), (record_id, _) in pairwise(ordered):
        if record_id == previous_id:
            raise RecordError(f"{rules.id_words} {previous_id!r} appears twice")
    return b"".join(line + b"\n" for _, line in ordered)


def serialize_records(records: Iterable[Mapping[str, Any]], rules: RecordRules = REWRITE_RECORDS) -> bytes:
    """Validate and write records as JSONL: canonical JSON per line, sorted by id, ``\n`` ends.

    Raises RecordError for invalid or duplicate records and for values JSON cannot hold exactly.
    """
    encoded: list[tuple[str, bytes]] = []
    for position, record in enumerate(records):
        line = encode_record(record, position, rules)
        encoded.append((record[rules.id_field], line))
    return join_records(encoded, rules)


class RecordsReader:
    """Parses a records file as it arrives in chunks, so it is never held whole as bytes.

    :meth:`feed` each chunk, then :meth:`finish`. The first bad record is remembered and parsing
    stops there (the records read so far are dropped), but feeding goes on, so the verifier can
    finish hashing the member and report a hash mismatch ahead of a record problem.
    """

    def __init__(self, max_record_bytes: int, rules: RecordRules = REWRITE_RECORDS) -> None:
        self._max_record_bytes = max_record_bytes
        self._rules = rules
        self._records: list[dict[str, Any]] = []
        self._pending: list[bytes] = []  # the start of a line that has not ended yet
        self._pending_bytes = 0
        self._line_number = 0
        self._previous_id: str | None = None
        self._problem: RecordError | None = None

    def feed(self, chunk: bytes) -> None:
        """Parse every line that ``chunk`` completes."""
        if self._problem is not None or not chunk:
            return
        try:
            first_end = chunk.find(b"\n")
            if first_end < 0:
                self._keep_pending(chunk)  # joined once its line ends: a long line costs no copies
                return
            self._keep_pending(chunk[:first_end])
            line = b"".join(self._pending)
            self._pending, self._pending_bytes = [], 0
            self._parse_line(line)
            last_end = chunk.rfind(b"\n")
            if last_end > first_end:
                for line in chunk[first_end + 1 : last_end].split(b"\n"):
                    self._check_length(len(line))
                    self._parse_line(line)
            self._keep_pending(chunk[last_end + 1 :])
        except RecordError as problem:
            self._problem = problem
            self._records, self._pending = [], []

    def _keep_pending(self, piece: bytes) -> None:
        self._pending_bytes += len(piece)
        self._check_length(self._pending_bytes)
        if piece:
            self._pending.append(piece)

    def _check_length(self, length: int) -> None:
        if length > self._max_record_bytes:
            raise RecordError(
                f"line {self._line_number + 1} is longer than {self._max_record_bytes} bytes, "
                "the most one record may take"
            )

    def finish(self) -> list[dict[str, Any]]:
        """The records, in file order; raises RecordError for the first problem found."""
        if self._problem is not None:
            raise self._problem
        if self._pending:
            raise RecordError("records file does not end with a newline")
        return self._records

    def _parse_line(self, line: bytes) -> None:
        self._line_number += 1
        number = self._line_number
        try:
            record = loads_strict(line)
        except JsonInputError as exc:
            raise RecordError(f"line {number} is not strict JSON: {exc}") from exc
        if not isinstance(record, dict):
            raise RecordError(f"line {number} is not a JSON object")
        self._rules.validate(record, number)
        record_id = record[self._rules.id_field]
        if self._previous_id is not None and record_id <= self._previous_id:
            raise RecordError(f"line {number}: records are not sorted by unique {self._rules.id_words}")
        self._previous_id = record_id
        self._records.append(record)


def parse_records(
    data: bytes,
    max_record_bytes: int = DEFAULT_LIMITS.max_record_bytes,
    rules: RecordRules = REWRITE_RECORDS,
) -> list[dict[str, Any]]:
    """Read a records file back, checking each record and the sort order; raises RecordError."""
    reader = RecordsReader(max_record_bytes, rules)
    reader.feed(data)
    return reader.finish()
