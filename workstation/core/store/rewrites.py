"""Saving and reading the writer's rewrites. A sealed rewrite is never changed again."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Sequence

from workstation.core.clock import now_iso
from workstation.core.models import Rewrite, RewriteStatus, Task
from workstation.core.store.database import Database
from workstation.core.store.rows import (
    REWRITE_COLUMNS,
    TASK_COLUMNS,
    rewrite_from_row,
    rewrite_to_row,
    task_from_row,
)


class RewriteSealed(RuntimeError):
    """The rewrite went into a signed bundle and can no longer be edited."""


def new_rewrite(task: Task, *, start_from_original: bool = True) -> Rewrite:
    """A fresh draft for ``task``, starting from a copy of the original or from empty."""
    stamp = now_iso()
    return Rewrite(
        rewrite_id="rw-" + uuid.uuid4().hex,
        task_id=task.id,
        text=task.original if start_from_original else "",
        status=RewriteStatus.DRAFT,
        started_from="original" if start_from_original else "empty",
        created_at=stamp,
        updated_at=stamp,
    )


_UPSERT = f"""
INSERT INTO rewrites ({REWRITE_COLUMNS}) VALUES ({",".join("?" * 16)})
ON CONFLICT(task_id) DO UPDATE SET
    text = excluded.text, status = excluded.status, started_from = excluded.started_from,
    ratings = excluded.ratings, tags = excluded.tags, notes = excluded.notes,
    flag_reason = excluded.flag_reason, active_seconds = excluded.active_seconds,
    cursor = excluded.cursor, metrics = excluded.metrics, updated_at = excluded.updated_at,
    submitted_at = excluded.submitted_at
WHERE rewrites.sealed_bundle_id IS NULL
"""


def stamped_for_save(rewrite: Rewrite) -> Rewrite:
    """The rewrite as it will be stored: ``updated_at`` now, ``submitted_at`` and ``flag_reason``
    kept only while the status calls for them (a first submit is stamped now)."""
    stamp = now_iso()
    submitted_at = rewrite.submitted_at
    if rewrite.status is RewriteStatus.SUBMITTED and submitted_at is None:
        submitted_at = stamp
    elif rewrite.status is not RewriteStatus.SUBMITTED:
        submitted_at = None
    flag_reason = rewrite.flag_reason if rewrite.status is RewriteStatus.FLAGGED else None
    return rewrite.model_copy(
        update={"updated_at": stamp, "submitted_at": submitted_at, "flag_reason": flag_reason}
    )


def write_rewrite(conn: sqlite3.Connection, stored: Rewrite) -> None:
    """Upsert ``stored`` (from :func:`stamped_for_save`) and its task's status, inside the caller's
    write transaction. Raises :class:`RewriteSealed` (the caller's transaction then rolls back)."""
    cursor = conn.execute(_UPSERT, rewrite_to_row(stored))
    if cursor.rowcount == 0:
        raise RewriteSealed(f"the rewrite of task {stored.task_id} is sealed in a bundle")
    conn.execute("UPDATE tasks SET status = ? WHERE id = ?", (stored.status.value, stored.task_id))


class RewriteQueries:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn = database.conn

    def get(self, task_id: str) -> Rewrite | None:
        row = self._conn.execute(
            f"SELECT {REWRITE_COLUMNS} FROM rewrites WHERE task_id = ?", (task_id,)
        ).fetchone()
        return rewrite_from_row(row) if row else None

    def save(self, rewrite: Rewrite) -> Rewrite:
        """Write the rewrite and the task's status in one transaction; returns what was stored.

        ``updated_at`` is stamped here. Raises :class:`RewriteSealed` if it is already sealed.
        A save made during a work session goes through ``Store.save_work``, which records both.
        """
        stored = stamped_for_save(rewrite)
        with self._database.write() as conn:
            write_rewrite(conn, stored)
        return stored

    def pairs(self, *, statuses: Sequence[str], project: str | None = None) -> Iterator[tuple[Task, Rewrite]]:
        """(task, rewrite) pairs in queue order for export, streamed from a cursor."""
        task_cols = ", ".join(f"t.{c.strip()}" for c in TASK_COLUMNS.split(","))
        rewrite_cols = ", ".join(f"r.{c.strip()}" for c in REWRITE_COLUMNS.split(","))
        sql = (
            f"SELECT {task_cols}, {rewrite_cols} FROM rewrites r JOIN tasks t ON t.id = r.task_id "
            f"WHERE r.status IN ({','.join('?' * len(statuses))})"
        )
        params: list[object] = list(statuses)
        if project:
            sql += " AND t.project = ?"
            params.append(project)
        sql += " ORDER BY t.seq"
        width = len(TASK_COLUMNS.split(","))
        for row in self._conn.execute(sql, params):
            yield task_from_row(row[:width]), rewrite_from_row(row[width:])

    def unsealed_submitted(self, conn: sqlite3.Connection, project: str | None = None) -> list[Rewrite]:
        """Submitted rewrites not yet in a bundle, read inside the caller's sealing transaction."""
        sql = (
            f"SELECT {', '.join('r.' + c.strip() for c in REWRITE_COLUMNS.split(','))} "
            "FROM rewrites r JOIN tasks t ON t.id = r.task_id "
            "WHERE r.status = 'submitted' AND r.sealed_bundle_id IS NULL"
        )
        params: list[object] = []
        if project:
            sql += " AND t.project = ?"
            params.append(project)
        return [rewrite_from_row(row) for row in conn.execute(sql + " ORDER BY t.seq", params)]
