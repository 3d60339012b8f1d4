"""The work receipt: a small signed summary of one sealed bundle that the writer keeps.

It proves the work without handing over the texts: the bundle id (the SHA-256 of its signed
manifest), each rewrite's id, task and the SHA-256 of the original and of the rewrite, the active
time sealed in the bundle, the typed/pasted share where the editor recorded it, and the reviewers'
verdicts received so far. Anyone holding the bundle or a text can check them against the hashes.

Effort signals are the ones sealed in the bundle (format version 2 on), so the receipt says
what the reviewer was shown; for a version 1 bundle they are summed now from the sittings that
began before the seal, by the same rule (``effort.signals.summarise_effort``). The bundle's total
is its rewrites' signals taken together (``effort.sealed_effort.combined_effort``). What was not
recorded says ``"not recorded"`` with nulls, never zeros.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from workstation.core.clock import iso_utc, parse_iso_utc
from workstation.core.effort.sealed_effort import RECORD_FIELD as EFFORT_FIELD
from workstation.core.effort.sealed_effort import combined_effort
from workstation.core.effort.signals import EffortSignals, RecordingStatus, summarise_effort
from workstation.core.models import WorkSession
from workstation.core.records import effort_of_record
from workstation.core.reports.sealed_bundles import reopen_sealed
from workstation.core.reports.signed_record import RecordAuthor
from workstation.core.reports.timesheet_formats import seconds_figure
from workstation.core.store import Store
from workstation.core.store.outbox import UnknownBundle
from workstation.core.verdicts.records import verdict_summary

FORMAT_NAME = "rewrite-workstation.work-receipt"
FORMAT_VERSION = 1
NOT_RECORDED = RecordingStatus.NOT_RECORDED.value


class ReceiptError(ValueError):
    """No receipt can be made for this bundle; the message says why in one sentence."""


def _sessions_before(sessions: Sequence[WorkSession], sealed_at: str) -> list[WorkSession]:
    """The sittings that began before the seal (the work the bundle holds)."""
    cutoff = parse_iso_utc(sealed_at)
    return [s for s in sessions if parse_iso_utc(s.started_at) <= cutoff]


def _effort(store: Store, record: dict[str, Any], sealed_at: str) -> EffortSignals:
    """The rewrite's effort signals as sealed, or for a version 1 bundle as its sittings show."""
    if EFFORT_FIELD in record:
        return effort_of_record(record)
    sessions = _sessions_before(store.work_sessions.for_task(record["task_id"]), sealed_at)
    return summarise_effort(sessions, record["rewrite"])


def _rewrite_entry(
    store: Store, record: dict[str, Any], bundle_id: str, effort: EffortSignals
) -> dict[str, Any]:
    task_id, rewrite_id = record["task_id"], record["rewrite_id"]
    text_sha = hashlib.sha256(record["rewrite"].encode("utf-8")).hexdigest()
    verdicts = [
        verdict_summary(v)
        for v in store.verdicts.for_task(task_id)
        if v.bundle_id == bundle_id and v.rewrite_id == rewrite_id
    ]
    return {
        "task_id": task_id,
        "rewrite_id": rewrite_id,
        "status": record["status"],
        "original_sha256": record["original_sha256"],
        "rewrite_sha256": text_sha,
        "active_seconds": seconds_figure(float(record["active_seconds"])),
        "effort": effort.as_record(),
        "verdicts": verdicts,
    }


def build_receipt(
    store: Store, bundle_id: str, *, author: RecordAuthor, generated_at: datetime
) -> dict[str, Any]:
    """The receipt of the sealed bundle ``bundle_id`` (a full id) in this store's outbox.

    The bundle is verified again first (its own signature, any signer), so a receipt never
    vouches for bytes that do not hold together. Raises ReceiptError.
    """
    row = store.outbox.get(bundle_id)
    if row is None:
        raise ReceiptError(str(UnknownBundle(f"no bundle {bundle_id} in the outbox")))
    bundle = reopen_sealed(store, bundle_id, error=ReceiptError, made="receipt")
    manifest = bundle.manifest
    sealed_at = iso_utc(parse_iso_utc(manifest.created_at))
    records = [dict(record) for record in bundle.records]
    efforts = [_effort(store, record, sealed_at) for record in records]
    rewrites = [
        _rewrite_entry(store, record, bundle_id, effort)
        for record, effort in zip(records, efforts, strict=True)
    ]
    statuses: dict[str, int] = {}
    for entry in rewrites:
        statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
    verdict_counts: dict[str, int] = {}
    for entry in rewrites:
        for verdict in entry["verdicts"]:
            verdict_counts[verdict["verdict"]] = verdict_counts.get(verdict["verdict"], 0) + 1
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "writer": {"name": author.name, "fingerprint": author.fingerprint},
        "generated_at": iso_utc(generated_at),
        "bundle": {
            "bundle_id": bundle_id,
            "bundle_seq": manifest.bundle_seq,
            "prev_bundle_id": manifest.prev_bundle_id,
            "sealed_at": sealed_at,
            "signer_name": manifest.signer.name,
            "signer_fingerprint": manifest.signer.fingerprint,
            "size": row.size,
            "upload_state": row.state,
            "acked_at": row.acked_at,
        },
        "counts": {
            "rewrites": len(rewrites),
            "tasks": len({entry["task_id"] for entry in rewrites}),
            "by_status": dict(sorted(statuses.items())),
        },
        "active_seconds": seconds_figure(sum(float(r["active_seconds"]) for r in bundle.records)),
        "effort": combined_effort(efforts).as_record(),
        "verdicts": {
            "received": sum(verdict_counts.values()),
            "by_verdict": dict(sorted(verdict_counts.items())),
        },
        "rewrites": rewrites,
    }


def receipt_bytes(receipt: dict[str, Any]) -> bytes:
    """The receipt as indented JSON with sorted keys, UTF-8, ending in a newline."""
    return (json.dumps(receipt, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
