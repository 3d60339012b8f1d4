"""Verdicts in the store: a reviewer's own, and those received in verdict bundles.

A reviewer's own verdict starts unsealed and can be taken back (undo) until it goes out in a
verdict bundle (``sealed_in``); a received verdict (``received_in``) is a copy of a signed one and
is never changed. Every verdict is kept: a later verdict by the same reviewer on the same item
supersedes the earlier one for display, and two reviewers' verdicts stand side by side.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from workstation.core.models import Anchor, ReviewComment, Verdict, VerdictKind
from workstation.core.store.database import Database
from workstation.core.store.json_columns import dumps

_COLUMNS = (
    "verdict_id, bundle_id, rewrite_id, task_id, rewrite_sha256, verdict, reason, comment, comments, "
    "reviewer_name, reviewer_fingerprint, created_at"
)


def _comments_to_json(comments: Sequence[ReviewComment]) -> str:
    return dumps([comment.model_dump() for comment in comments])


def _verdict(row: tuple[Any, ...]) -> Verdict:
    (verdict_id, bundle_id, rewrite_id, task_id, sha, kind, reason, comment, comments, name, fp, at) = row
    return Verdict(
        verdict_id=verdict_id,
        bundle_id=bundle_id,
        rewrite_id=rewrite_id,
        task_id=task_id,
        rewrite_sha256=sha,
        verdict=VerdictKind(kind),
        reason=reason,
        comment=comment,
        comments=tuple(
            ReviewComment(
                text=entry["text"],
                anchor=Anchor.model_validate(entry["anchor"]) if entry.get("anchor") else None,
            )
            for entry in json.loads(comments)
        ),
        reviewer_name=name,
        reviewer_fingerprint=fp,
        created_at=at,
    )


def _row(verdict: Verdict, *, sealed_in: str | None, received_in: str | None) -> tuple[Any, ...]:
    return (
        verdict.verdict_id,
        verdict.bundle_id,
        verdict.rewrite_id,
        verdict.task_id,
        verdict.rewrite_sha256,
        verdict.verdict.value,
        verdict.reason,
        verdict.comment,
        _comments_to_json(verdict.comments),
        verdict.reviewer_name,
        verdict.reviewer_fingerprint,
        verdict.created_at,
        sealed_in,
        received_in,
    )


_INSERT = f"INSERT INTO verdicts ({_COLUMNS}, sealed_in, received_in) VALUES ({','.join('?' * 14)})"


class VerdictQueries:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn = database.conn

    def add(self, verdict: Verdict) -> Verdict:
        """Record one of the reviewer's own verdicts (unsealed)."""
        with self._database.write() as conn:
            conn.execute(_INSERT, _row(verdict, sealed_in=None, received_in=None))
        return verdict

    def undo_last(self, reviewer_fingerprint: str) -> Verdict | None:
        """Take back this reviewer's newest verdict that has not gone out yet; None if there is none."""
        with self._database.write() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM verdicts WHERE reviewer_fingerprint = ? AND sealed_in IS NULL "
                "AND received_in IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1",
                (reviewer_fingerprint,),
            ).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM verdicts WHERE verdict_id = ?", (row[0],))
        return _verdict(row)

    def get(self, verdict_id: str) -> Verdict | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM verdicts WHERE verdict_id = ?", (verdict_id,)
        ).fetchone()
        return _verdict(row) if row else None

    def for_rewrite(self, rewrite_id: str) -> tuple[Verdict, ...]:
        """Every verdict on one rewrite (an inbox item), oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM verdicts WHERE rewrite_id = ? ORDER BY created_at, rowid", (rewrite_id,)
        )
        return tuple(_verdict(row) for row in rows)

    def for_task(self, task_id: str) -> tuple[Verdict, ...]:
        """Every verdict on any rewrite of one task (the writer's view), oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM verdicts WHERE task_id = ? ORDER BY created_at, rowid", (task_id,)
        )
        return tuple(_verdict(row) for row in rows)

    def all(self) -> list[Verdict]:
        """Every verdict, oldest first (batch statistics and agreement)."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM verdicts ORDER BY created_at, rowid")
        return [_verdict(row) for row in rows]

    def latest_kinds(self, reviewer_fingerprint: str | None = None) -> dict[str, VerdictKind]:
        """The newest verdict kind per rewrite id (this reviewer's, or anyone's if None).

        For the review queue's verdict column and filter: one small tuple per verdict, no models,
        so an inbox of 200,000 items with as many verdicts opens quickly.
        """
        sql = "SELECT rewrite_id, verdict FROM verdicts"
        params: tuple[str, ...] = ()
        if reviewer_fingerprint is not None:
            sql += " WHERE reviewer_fingerprint = ?"
            params = (reviewer_fingerprint,)
        rows = self._conn.execute(sql + " ORDER BY created_at, rowid", params)
        kinds = {kind.value: kind for kind in VerdictKind}
        return {rewrite_id: kinds[kind] for rewrite_id, kind in rows}

    def unsealed(self, reviewer_fingerprint: str) -> list[Verdict]:
        """This reviewer's own verdicts that have not gone out in a verdict bundle, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM verdicts WHERE reviewer_fingerprint = ? AND sealed_in IS NULL "
            "AND received_in IS NULL ORDER BY created_at, rowid",
            (reviewer_fingerprint,),
        )
        return [_verdict(row) for row in rows]

    def mark_sealed(
        self, conn: sqlite3.Connection, verdict_ids: Sequence[str], verdict_bundle_id: str
    ) -> None:
        """Mark verdicts as sent in ``verdict_bundle_id``, inside the caller's sealing transaction.

        Raises RuntimeError (rolling the caller back) if one was sealed already or is gone.
        """
        cursor = conn.executemany(
            "UPDATE verdicts SET sealed_in = ? "
            "WHERE verdict_id = ? AND sealed_in IS NULL AND received_in IS NULL",
            ((verdict_bundle_id, verdict_id) for verdict_id in verdict_ids),
        )
        if cursor.rowcount != len(verdict_ids):
            raise RuntimeError(
                f"expected to seal {len(verdict_ids)} verdicts but {cursor.rowcount} were still unsealed"
            )

    def add_received(
        self, conn: sqlite3.Connection, verdicts: Sequence[Verdict], verdict_bundle_id: str
    ) -> int:
        """Add verdicts read from a verified verdict bundle, inside the caller's transaction.

        A verdict already held (same id) is skipped; returns how many were added.
        """
        cursor = conn.executemany(
            _INSERT.replace("INSERT INTO", "INSERT OR IGNORE INTO"),
            (_row(verdict, sealed_in=None, received_in=verdict_bundle_id) for verdict in verdicts),
        )
        return cursor.rowcount
