"""Shared helpers of the reviewer tests: writers' keys, full bundle records, chains of bundles."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from workstation.core.bundles import SealedBundle, seal_bundle
from workstation.core.signing import SecretKey

ADA = "Ada Writer"
BEN = "Ben Writer"
ADA_KEY = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(40, 72)))
ADA_NEW_KEY = SecretKey(key_id=bytes(range(11, 19)), seed=bytes(range(90, 122)))
BEN_KEY = SecretKey(key_id=bytes(range(21, 29)), seed=bytes(range(140, 172)))
CREATED_AT = datetime(2025, 6, 1, 9, 0, 0, tzinfo=UTC)
ORIGINAL = (
    "Certainly! It is important to note that item {n} plays a pivotal role in a rich tapestry of "
    "ideas. Furthermore, we must delve into the details."
)
REWRITE = "Item {n} matters: it ties the ideas together. Here are the details."


def record(writer: str, index: int, **overrides: Any) -> dict[str, Any]:
    """A bundle record with every field the writer's app seals (see core/records.py)."""
    original = ORIGINAL.format(n=index)
    tag = writer.split()[0].lower()
    full: dict[str, Any] = {
        "task_id": f"task-{tag}-{index:05d}",
        "project": "letters",
        "prompt": f"Describe item {index}.",
        "messages": None,
        "original": original,
        "original_sha256": hashlib.sha256(original.encode("utf-8")).hexdigest(),
        "model": "model-a" if index % 2 else "model-b",
        "metadata": {},
        "rewrite_id": f"rw-{tag}-{index:05d}",
        "rewrite": REWRITE.format(n=index),
        "status": "submitted",
        "ratings": {"fluency": 4},
        "tags": ["tone"],
        "notes": "kept the list",
        "flag_reason": None,
        "active_seconds": 42.0,
        "metrics": {"claimed": "by the writer"},
        "started_from": "original",
        "created_at": "2025-06-01T08:00:00.000Z",
        "updated_at": "2025-06-01T08:10:00.000Z",
        "submitted_at": "2025-06-01T08:10:00.000Z",
    }
    full.update(overrides)
    return full


def seal(
    key: SecretKey,
    writer: str,
    seq: int,
    prev: str | None,
    records: Sequence[dict[str, Any]],
) -> SealedBundle:
    return seal_bundle(
        records,
        signer=key,
        signer_name=writer,
        bundle_seq=seq,
        prev_bundle_id=prev,
        created_at=CREATED_AT + timedelta(minutes=seq),
    )


def chain(
    key: SecretKey, writer: str, bundles: int, per_bundle: int = 2, *, first_index: int = 0
) -> list[SealedBundle]:
    """``bundles`` consecutive bundles of one writer, each of ``per_bundle`` records."""
    sealed: list[SealedBundle] = []
    prev: str | None = None
    for number in range(bundles):
        start = first_index + number * per_bundle
        made = seal(
            key, writer, number + 1, prev, [record(writer, i) for i in range(start, start + per_bundle)]
        )
        sealed.append(made)
        prev = made.bundle_id
    return sealed


def write(folder: Path, name: str, bundle: SealedBundle | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(bundle if isinstance(bundle, bytes) else bundle.data)
    return path
