"""The outbox table's queries: listing without blobs, id lookup, chain heads, and safe state changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.core.store import Store
from workstation.core.store.outbox import AmbiguousBundleId, UnknownBundle

A = "sha256:" + "a1" * 32
B = "sha256:" + "a2" * 32
C = "sha256:" + "c3" * 32


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store(data_dir) as opened:
        with opened.database.write() as conn:
            for seq, (bundle_id, signer) in enumerate([(A, "f1"), (B, "f1"), (C, "f2")], start=1):
                opened.outbox.insert(
                    conn,
                    bundle_id=bundle_id,
                    bundle_seq=seq if signer == "f1" else 1,
                    signer_fingerprint=signer,
                    data=bundle_id.encode() * 10,
                    record_count=seq,
                    kind="rewrites",
                )
        yield opened


def test_rows_are_listed_in_sealing_order_without_bytes(store: Store) -> None:
    rows = store.outbox.rows()
    assert [row.bundle_id for row in rows] == [A, B, C]
    assert all(row.state == "pending" and row.attempts == 0 for row in rows)
    assert rows[0].size == len(A) * 10 and rows[2].record_count == 3
    assert not hasattr(rows[0], "data")
    assert store.outbox.get_bytes(B) == B.encode() * 10
    with pytest.raises(UnknownBundle):
        store.outbox.get_bytes("sha256:" + "0" * 64)
    assert store.outbox.counts() == {"pending": 3}


def test_chain_head_per_signer(store: Store) -> None:
    head = store.outbox.chain_head("f1", "rewrites")
    assert head is not None and (head.bundle_seq, head.bundle_id) == (2, B)
    other = store.outbox.chain_head("f2", "rewrites")
    assert other is not None and other.bundle_id == C
    assert store.outbox.chain_head("nobody", "rewrites") is None


def test_resolve_id_accepts_unique_prefixes(store: Store) -> None:
    assert store.outbox.resolve_id(C) == C
    assert store.outbox.resolve_id("c3c3") == C
    assert store.outbox.resolve_id("SHA256:C3") == C
    with pytest.raises(AmbiguousBundleId):
        store.outbox.resolve_id("a")
    assert store.outbox.resolve_id("a2") == B
    for missing in ("ff", "", "sha256:", "%", "_"):
        with pytest.raises(UnknownBundle):
            store.outbox.resolve_id(missing)


def test_upload_life_cycle_and_acked_is_final(store: Store) -> None:
    outbox = store.outbox
    assert outbox.mark_uploading(A, attempts=1, target="file:///x")
    assert outbox.get(A).state == "uploading"  # type: ignore[union-attr]
    assert outbox.mark_pending(A, attempts=1, error="connection refused", next_attempt_at=2000.0)
    row = outbox.get(A)
    assert row is not None and row.state == "pending"
    assert (row.last_error, row.next_attempt_at) == ("connection refused", 2000.0)
    assert outbox.mark_uploading(A, attempts=2, target="file:///x")
    assert outbox.mark_acked(A, {"location": "/x/a.zip"}, attempts=2)
    row = outbox.get(A)
    assert row is not None and row.state == "acked" and row.receipt == {"location": "/x/a.zip"}
    assert row.acked_at and row.last_error is None and row.attempts == 2 and row.target == "file:///x"
    # Nothing moves an acked bundle again.
    assert not outbox.mark_uploading(A, attempts=3, target=None)
    assert not outbox.mark_pending(A, error="late")
    assert not outbox.mark_rejected(A, "late")
    assert not outbox.retry(A)
    assert outbox.get(A).state == "acked"  # type: ignore[union-attr]


def test_rejected_stays_out_until_retry(store: Store) -> None:
    outbox = store.outbox
    outbox.mark_uploading(B, attempts=1, target=None)
    assert outbox.mark_rejected(B, "signer not enrolled", attempts=1)
    assert not outbox.mark_uploading(B, attempts=2, target=None)
    assert [row.bundle_id for row in outbox.due(10**12)] == [A, C]
    assert outbox.retry(B)
    row = outbox.get(B)
    assert row is not None and row.state == "pending" and row.next_attempt_at is None
    assert row.last_error == "signer not enrolled"  # shown until the next attempt replaces it
    with pytest.raises(UnknownBundle):
        outbox.retry("sha256:" + "9" * 64)


def test_due_and_next_attempt(store: Store) -> None:
    outbox = store.outbox
    outbox.mark_pending(A, attempts=1, error="x", next_attempt_at=1_000.0)
    outbox.mark_pending(B, attempts=1, error="x", next_attempt_at=5_000.0)
    assert [row.bundle_id for row in outbox.due(999.0)] == [C]
    assert [row.bundle_id for row in outbox.due(1_000.0)] == [A, C]
    assert [row.bundle_id for row in outbox.due(6_000.0)] == [A, B, C]
    assert outbox.next_attempt_at() == 0.0  # C is due at once
    outbox.mark_rejected(C, "no")
    assert outbox.next_attempt_at() == 1_000.0


def test_reset_uploading_after_a_crash(store: Store) -> None:
    store.outbox.mark_uploading(A, attempts=1, target=None)
    store.outbox.mark_uploading(B, attempts=1, target=None)
    store.outbox.mark_acked(B, {})
    assert store.outbox.reset_uploading() == 1
    assert store.outbox.counts() == {"pending": 2, "acked": 1}
    assert store.stats()["outbox"] == {"pending": 2, "acked": 1}
