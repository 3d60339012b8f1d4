"""The outbox: sealed bundles kept in SQLite until a target has acknowledged them.

States (the strings stored; the same values as ``sync.pusher.UploadState``)::

    pending → uploading → acked (receipt, acked_at) | rejected (reason, not retried)
                        ↘ pending (attempts, last_error, next_attempt_at)

An acked bundle is final: no transition leaves ``acked``. Times in ``next_attempt_at`` are Unix
epoch seconds (what the background uploader compares with ``time.time()``); the other times are
ISO 8601 UTC strings like the rest of the store.

Each row has a ``kind`` (``rewrites`` or ``verdicts``, see :data:`OUTBOX_KINDS`): one signer who
both writes and reviews keeps one hash chain per kind, so :meth:`OutboxQueries.chain_head` and
:meth:`OutboxQueries.insert` take the kind.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from workstation.core.clock import now_iso
from workstation.core.store.database import Database
from workstation.core.store.json_columns import dumps

PENDING = "pending"
UPLOADING = "uploading"
ACKED = "acked"
REJECTED = "rejected"
OUTBOX_STATES = (PENDING, UPLOADING, ACKED, REJECTED)
OUTBOX_KINDS = ("rewrites", "verdicts")

_ROW_COLUMNS = (
    "bundle_id, bundle_seq, signer_fingerprint, size, record_count, state, attempts, last_error, "
    "next_attempt_at, target, receipt, created_at, updated_at, acked_at, kind"
)


@dataclass(frozen=True)
class OutboxRow:
    """One outbox entry without its bytes (lists stay cheap however large the bundles are)."""

    bundle_id: str
    bundle_seq: int
    signer_fingerprint: str
    size: int
    record_count: int
    state: str
    attempts: int
    last_error: str | None
    next_attempt_at: float | None
    target: str | None
    receipt: dict[str, Any] | None
    created_at: str
    updated_at: str
    acked_at: str | None
    kind: str = "rewrites"


@dataclass(frozen=True)
class ChainHead:
    """The latest bundle of one signer: the next one gets ``bundle_seq + 1`` and ``prev = bundle_id``."""

    bundle_seq: int
    bundle_id: str


class UnknownBundle(KeyError):
    """No bundle in the outbox has this id (or the prefix given matches none)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown bundle"


class AmbiguousBundleId(ValueError):
    """A shortened bundle id matches more than one bundle."""


def _row(values: tuple[Any, ...]) -> OutboxRow:
    (
        bundle_id,
        seq,
        fingerprint,
        size,
        count,
        state,
        attempts,
        last_error,
        next_at,
        target,
        receipt,
        created_at,
        updated_at,
        acked_at,
        kind,
    ) = values
    return OutboxRow(
        bundle_id=bundle_id,
        bundle_seq=seq,
        signer_fingerprint=fingerprint,
        size=size,
        record_count=count,
        state=state,
        attempts=attempts,
        last_error=last_error,
        next_attempt_at=next_at,
        target=target,
        receipt=json.loads(receipt) if receipt else None,
        created_at=created_at,
        updated_at=updated_at,
        acked_at=acked_at,
        kind=kind,
    )


def _check_kind(kind: str) -> None:
    if kind not in OUTBOX_KINDS:
        raise ValueError(f"unknown bundle kind {kind!r}")


class OutboxQueries:
    """Reads and state changes of the ``outbox`` table; each change is its own short transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn = database.conn

    # -- reading -----------------------------------------------------------------------------------

    def rows(self, states: tuple[str, ...] | None = None) -> list[OutboxRow]:
        """Rows in the order they were sealed, optionally only those in ``states``."""
        sql = f"SELECT {_ROW_COLUMNS} FROM outbox"
        params: list[object] = []
        if states:
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
            params.extend(states)
        return [_row(values) for values in self._conn.execute(sql + " ORDER BY rowid", params)]

    def get(self, bundle_id: str) -> OutboxRow | None:
        values = self._conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM outbox WHERE bundle_id = ?", (bundle_id,)
        ).fetchone()
        return _row(values) if values else None

    def get_bytes(self, bundle_id: str) -> bytes:
        """The sealed bundle's exact bytes; raises UnknownBundle."""
        values = self._conn.execute("SELECT data FROM outbox WHERE bundle_id = ?", (bundle_id,)).fetchone()
        if values is None:
            raise UnknownBundle(f"no bundle {bundle_id} in the outbox")
        return bytes(values[0])

    def resolve_id(self, text: str) -> str:
        """The full id of the bundle named by ``text``: a full id, or a unique prefix of its hex.

        ``sha256:`` may be left out, as people copy ids from lists. Raises UnknownBundle or
        AmbiguousBundleId.
        """
        wanted = text.strip().lower()
        if not wanted.startswith("sha256:"):
            wanted = "sha256:" + wanted
        if len(wanted) <= len("sha256:"):
            raise UnknownBundle("give a bundle id")
        escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matches = [
            bundle_id
            for (bundle_id,) in self._conn.execute(
                "SELECT bundle_id FROM outbox WHERE bundle_id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",)
            )
        ]
        if not matches:
            raise UnknownBundle(f"no bundle {text!r} in the outbox")
        if len(matches) > 1:
            raise AmbiguousBundleId(f"{text!r} matches more than one bundle; give more of the id")
        return matches[0]

    def chain_head(self, signer_fingerprint: str, kind: str) -> ChainHead | None:
        """This signer's latest bundle of ``kind`` (highest ``bundle_seq``), or None before its first."""
        _check_kind(kind)
        values = self._conn.execute(
            "SELECT bundle_seq, bundle_id FROM outbox WHERE signer_fingerprint = ? AND kind = ? "
            "ORDER BY bundle_seq DESC LIMIT 1",
            (signer_fingerprint, kind),
        ).fetchone()
        return ChainHead(bundle_seq=values[0], bundle_id=values[1]) if values else None

    def counts(self) -> dict[str, int]:
        """How many bundles are in each state (states with none are left out)."""
        rows = self._conn.execute("SELECT state, count(*) FROM outbox GROUP BY state")
        return {state: count for state, count in rows}

    def due(self, now: float) -> list[OutboxRow]:
        """Pending bundles whose next attempt is due at ``now`` (epoch seconds), oldest first."""
        rows = self._conn.execute(
            f"SELECT {_ROW_COLUMNS} FROM outbox WHERE state = ? "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY rowid",
            (PENDING, now),
        )
        return [_row(values) for values in rows]

    def next_attempt_at(self) -> float | None:
        """The earliest scheduled retry among pending bundles (epoch seconds); None if none waits."""
        value = self._conn.execute(
            "SELECT min(coalesce(next_attempt_at, 0)) FROM outbox WHERE state = ?", (PENDING,)
        ).fetchone()[0]
        return None if value is None else float(value)

    # -- sealing (inside the caller's transaction) -------------------------------------------------

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        bundle_id: str,
        bundle_seq: int,
        signer_fingerprint: str,
        data: bytes,
        record_count: int,
        kind: str,
        created_at: str | None = None,
    ) -> None:
        """Add a freshly sealed bundle of ``kind`` as pending; runs in the sealing transaction ``conn``."""
        _check_kind(kind)
        stamp = created_at or now_iso()
        conn.execute(
            "INSERT INTO outbox(bundle_id, bundle_seq, signer_fingerprint, data, size, record_count, "
            "state, attempts, created_at, updated_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (
                bundle_id,
                bundle_seq,
                signer_fingerprint,
                data,
                len(data),
                record_count,
                PENDING,
                stamp,
                stamp,
                kind,
            ),
        )

    # -- upload state changes ----------------------------------------------------------------------

    def _update(
        self, bundle_id: str, assignments: str, params: tuple[Any, ...], allowed: tuple[str, ...]
    ) -> bool:
        with self._database.write() as conn:
            cursor = conn.execute(
                f"UPDATE outbox SET {assignments}, updated_at = ? WHERE bundle_id = ? "
                f"AND state IN ({','.join('?' * len(allowed))})",
                (*params, now_iso(), bundle_id, *allowed),
            )
        return cursor.rowcount == 1

    def mark_uploading(self, bundle_id: str, *, attempts: int, target: str | None) -> bool:
        """An attempt starts; ``attempts`` counts it. False if the bundle is acked, rejected or gone."""
        return self._update(
            bundle_id,
            "state = ?, attempts = ?, target = ?",
            (UPLOADING, attempts, target),
            (PENDING, UPLOADING),
        )

    def mark_acked(
        self,
        bundle_id: str,
        receipt: dict[str, Any],
        *,
        attempts: int | None = None,
        acked_at: str | None = None,
    ) -> bool:
        """The target holds the bundle; the receipt (``Receipt.to_dict()``) is kept as JSON."""
        return self._update(
            bundle_id,
            "state = ?, receipt = ?, acked_at = ?, last_error = NULL, next_attempt_at = NULL, "
            "attempts = coalesce(?, attempts)",
            (ACKED, dumps(receipt), acked_at or now_iso(), attempts),
            (PENDING, UPLOADING, REJECTED),
        )

    def mark_rejected(self, bundle_id: str, reason: str, *, attempts: int | None = None) -> bool:
        """The target refused the bundle for good; it stays out of pushes until ``retry``."""
        return self._update(
            bundle_id,
            "state = ?, last_error = ?, next_attempt_at = NULL, attempts = coalesce(?, attempts)",
            (REJECTED, reason, attempts),
            (PENDING, UPLOADING),
        )

    def mark_pending(
        self,
        bundle_id: str,
        *,
        attempts: int | None = None,
        error: str | None = None,
        next_attempt_at: float | None = None,
    ) -> bool:
        """Back to waiting after a failed attempt: the error and when to try next (epoch seconds)."""
        return self._update(
            bundle_id,
            "state = ?, last_error = ?, next_attempt_at = ?, attempts = coalesce(?, attempts)",
            (PENDING, error, next_attempt_at, attempts),
            (PENDING, UPLOADING),
        )

    def reset_uploading(self) -> int:
        """At start-up: attempts cut short by a crash go back to pending, due now. Returns how many."""
        with self._database.write() as conn:
            cursor = conn.execute(
                "UPDATE outbox SET state = ?, next_attempt_at = NULL, updated_at = ? WHERE state = ?",
                (PENDING, now_iso(), UPLOADING),
            )
        return cursor.rowcount

    def retry(self, bundle_id: str) -> bool:
        """A person's "Retry": a rejected or waiting bundle becomes pending and due now.

        The error stays on the row until the next attempt replaces it. Returns False when the
        bundle is acked or uploading (nothing to do); raises UnknownBundle when there is none.
        """
        if self.get(bundle_id) is None:
            raise UnknownBundle(f"no bundle {bundle_id} in the outbox")
        return self._update(bundle_id, "state = ?, next_attempt_at = NULL", (PENDING,), (PENDING, REJECTED))
