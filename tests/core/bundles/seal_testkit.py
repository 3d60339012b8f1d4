"""Shared helpers of the sealing tests: fixed keys, a store with tasks, submitting, and checks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.models import RewriteStatus
from workstation.core.signing import SecretKey
from workstation.core.store import Store, new_rewrite

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "core" / "formats" / "data"
WRITER = "Ada Writer"
CREATED_AT = datetime(2025, 5, 6, 7, 8, 9, tzinfo=UTC)
KEY = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(40, 72)))
OTHER_KEY = SecretKey(key_id=bytes(range(21, 29)), seed=bytes(range(140, 172)))


def submit(store: Store, task_id: str, text: str | None = None, **changes: Any) -> None:
    task = store.tasks.get(task_id)
    assert task is not None
    draft = new_rewrite(task)
    update = {"text": text or f"A plain rewrite of {task_id}.", "status": RewriteStatus.SUBMITTED, **changes}
    store.rewrites.save(draft.model_copy(update=update))


def task_ids(store: Store, project: str | None = None) -> list[str]:
    return [row.id for row in store.tasks.queue(project=project)]


def sealed_ids(store: Store) -> dict[str, str | None]:
    return dict(store.database.conn.execute("SELECT rewrite_id, sealed_bundle_id FROM rewrites"))


def assert_consistent(store: Store, expected_count: int) -> str | None:
    """Either nothing sealed and no bundle, or one bundle holding exactly all submitted rewrites."""
    rows = store.outbox.rows()
    marks = sealed_ids(store)
    if not rows:
        assert all(mark is None for mark in marks.values())
        return None
    assert len(rows) == 1
    bundle_id = rows[0].bundle_id
    assert list(marks.values()).count(bundle_id) == expected_count == rows[0].record_count
    assert all(mark == bundle_id for mark in marks.values())
    verified = open_bundle(store.outbox.get_bytes(bundle_id), trust=SignerTrust.accept_any())
    assert sorted(r["rewrite_id"] for r in verified.records) == sorted(marks)
    return bundle_id
