"""Inboxes for the review window's tests and benchmark: received bundles of realistic records.

Records are built the way a writer's app seals them (``core/records.bundle_record`` from Task and
Rewrite models) and added the way receiving adds them (``store.inbox.add_bundle`` inside one
write transaction), so the window reads exactly what it will read after a real import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from workstation.core.effort.signals import summarise_effort
from workstation.core.models import Rewrite, RewriteStatus, Task, sha256_text
from workstation.core.records import bundle_record
from workstation.core.review.items import AuditFigures
from workstation.core.store import Store
from workstation.core.store.inbox import InboxBundle, NewItem

WHEN = "2026-03-01T10:00:00.000Z"


@dataclass(frozen=True)
class Work:
    """One writer's rewrite of one model output, as it will arrive in a bundle."""

    task_id: str
    original: str
    rewrite: str
    prompt: str | None = "Rewrite this in plain words."
    model: str | None = "model-a"
    project: str = "Reviews"
    ratings: dict[str, int] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    notes: str = ""
    active_seconds: float = 90.0
    flag_reason: str | None = None


def fingerprint_of(name: str) -> str:
    """A stable 64-hex fingerprint per writer name (the tests do not verify signatures)."""
    return hashlib.sha256(f"key of {name}".encode()).hexdigest()


def record_for(work: Work, rewrite_id: str) -> dict[str, object]:
    status = RewriteStatus.FLAGGED if work.flag_reason else RewriteStatus.SUBMITTED
    task = Task(
        id=work.task_id,
        seq=1,
        project=work.project,
        prompt=work.prompt,
        original=work.original,
        original_sha256=sha256_text(work.original),
        model=work.model,
        status=status,
    )
    rewrite = Rewrite(
        rewrite_id=rewrite_id,
        task_id=work.task_id,
        text=work.rewrite,
        status=status,
        ratings=work.ratings,
        tags=work.tags,
        notes=work.notes,
        flag_reason=work.flag_reason,
        active_seconds=work.active_seconds,
        created_at=WHEN,
        updated_at=WHEN,
        submitted_at=WHEN,
    )
    return bundle_record(task, rewrite, summarise_effort([], rewrite.text))


def figures_for(work: Work) -> AuditFigures:
    """Word counts and a rough edit rate (share of original words not kept), enough for filters."""
    before, after = work.original.split(), work.rewrite.split()
    kept = len(set(before) & set(after))
    rate = 1.0 - kept / max(len(set(before)), 1)
    return AuditFigures(len(before), len(after), rate, 4.0, 1.0, 2, 1)


def add_bundle(
    store: Store,
    writer: str,
    works: Sequence[Work],
    *,
    seq: int = 1,
    chain_problem: str | None = None,
    id_prefix: str = "",
) -> tuple[str, list[str]]:
    """Add one received bundle of ``works`` signed by ``writer``; (bundle id, item ids)."""
    bundle_id = "sha256:" + hashlib.sha256(f"{writer}/{seq}/{id_prefix}".encode()).hexdigest()
    fingerprint = fingerprint_of(writer)
    items: list[NewItem] = []
    for number, work in enumerate(works):
        rewrite_id = f"rw-{id_prefix}{hashlib.sha256(f'{bundle_id}/{number}'.encode()).hexdigest()[:32]}"
        items.append(
            NewItem(
                item_id=rewrite_id,
                task_id=work.task_id,
                project=work.project,
                model=work.model,
                status="flagged" if work.flag_reason else "submitted",
                rewrite_sha256=sha256_text(work.rewrite),
                record=record_for(work, rewrite_id),
                figures=figures_for(work),
                active_seconds=work.active_seconds,
                flagged=work.flag_reason is not None,
            )
        )
    bundle = InboxBundle(
        bundle_id=bundle_id,
        kind="rewrites",
        signer_fingerprint=fingerprint,
        signer_name=writer,
        bundle_seq=seq,
        prev_bundle_id=None,
        created_at=WHEN,
        received_at=WHEN,
        source=f"/tmp/{writer}-{seq}.zip",
        record_count=len(items),
        size=1000,
        chain_problem=chain_problem,
    )
    with store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle, b"bundle bytes", items)
    return bundle_id, [item.item_id for item in items]
