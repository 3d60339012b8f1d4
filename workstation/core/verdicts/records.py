"""``records/verdicts.jsonl``: one canonical JSON object per verdict, sorted by verdict id.

A record is exactly a :class:`~workstation.core.models.Verdict` as JSON, and nothing else: a
record that pydantic would have to coerce (a number as text, a time in another zone) is refused,
so every verdict has one form and the bytes signed are the verdict read back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from workstation.core.bundles.records import RecordError, RecordRules
from workstation.core.models import Verdict


def verdict_record(verdict: Verdict) -> dict[str, Any]:
    """The record of one verdict (JSON-ready: tuples as lists, the kind as its string)."""
    record: dict[str, Any] = verdict.model_dump(mode="json")
    return record


def verdict_summary(verdict: Verdict) -> dict[str, Any]:
    """A verdict as the writer's own records (work receipt, portfolio manifest) list it: the
    judgement, who gave it, when and over which text (its sha256), never the comments' text."""
    return {
        "verdict": verdict.verdict.value,
        "reason": verdict.reason,
        "reviewer_name": verdict.reviewer_name,
        "reviewer_fingerprint": verdict.reviewer_fingerprint,
        "rewrite_sha256": verdict.rewrite_sha256,
        "created_at": verdict.created_at,
    }


def verdict_from_record(record: Mapping[str, Any]) -> Verdict:
    """The verdict a record holds; raises RecordError (see :func:`validate_verdict_record`)."""
    validate_verdict_record(record)
    return Verdict.model_validate(record)


def validate_verdict_record(record: Mapping[str, Any], position: int | None = None) -> None:
    """Check that ``record`` is one verdict in its canonical form; raises RecordError naming why."""
    where = f"record {position}" if position is not None else "record"
    if not isinstance(record, Mapping):
        raise RecordError(f"{where} is not a JSON object")
    try:
        verdict = Verdict.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "verdict"
        raise RecordError(f"{where}: {field}: {first['msg']}") from exc
    if verdict_record(verdict) != dict(record):
        raise RecordError(f"{where} ({verdict.verdict_id!r}) is not a verdict in its canonical form")


VERDICT_RECORDS = RecordRules(id_field="verdict_id", validate=validate_verdict_record)
