"""Saving and reading the writer's rewrites. A sealed rewrite is never changed again.

Sealing takes only confirmed submissions: a submitted rewrite edited since (``edited_after_submit``,
see :mod:`workstation.core.submission`) waits until the writer submits it again.

The one way out of "sealed" is a reviewer's request for revisions
(:meth:`RewriteQueries.reopen_for_revision`): the task's row becomes a new draft with a new
rewrite id that points back at the sealed one (``revision_of``), while the sealed text stays in
its bundle. No save can touch a sealed row, nor a row whose rewrite id is no longer the one the
saver holds (a draft reopened or replaced meanwhile).
"""

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
    dumps,
    rewrite_from_row,
    rewrite_to_row,
    task_from_row,
)


class RewriteSealed(RuntimeError):
    """The rewrite went into a signed bundle and can no longer be edited (or the saver holds a
    rewrite id the task no longer has: it was reopened for revision meanwhile)."""


def new_rewrite_id() -> str:
    """A fresh rewrite id: ``rw-`` + a random UUID, unique across writers."""
    return "rw-" + uuid.uuid4().hex


def new_rewrite(task: Task, *, start_from_original: bool = True) -> Rewrite:
    """A fresh draft for ``task``, starting from a copy of the original or from empty."""
    stamp = now_iso()
    return Rewrite(
        rewrite_id=new_rewrite_id(),
        task_id=task.id,
        text=task.original if start_from_original else "",
        status=RewriteStatus.DRAFT,
        started_from="original" if start_from_original else "empty",
        created_at=stamp,
        updated_at=stamp,
    )


_UPSERT = f"""
INSERT INTO rewrites ({REWRITE_COLUMNS}) VALUES ({",".join("?" * 18)})
ON CONFLICT(task_id) DO UPDATE SET
    text = excluded.text, status = excluded.status, started_from = excluded.started_from,
    ratings = excluded.ratings, tags = excluded.tags, notes = excluded.notes,
    flag_reason = excluded.flag_reason, active_seconds = excluded.active_seconds,
    cursor = excluded.cursor, metrics = excluded.metrics, updated_at = excluded.updated_at,
    submitted_at = excluded.submitted_at, edited_after_submit = excluded.edited_after_submit
WHERE rewrites.sealed_bundle_id IS NULL AND rewrites.rewrite_id = excluded.rewrite_id
"""


def stamped_for_save(rewrite: Rewrite) -> Rewrite:
    """The rewrite as it will be stored: ``updated_at`` now, ``submitted_at``, ``flag_reason`` and
    ``edited_after_submit`` kept only while the status calls for them (a first submit is stamped now)."""
    stamp = now_iso()
    submitted_at = rewrite.submitted_at
    if rewrite.status is RewriteStatus.SUBMITTED and submitted_at is None:
        submitted_at = stamp
    elif rewrite.status is not RewriteStatus.SUBMITTED:
        submitted_at = None
    flag_reason = rewrite.flag_reason if rewrite.status is RewriteStatus.FLAGGED else None
    edited = rewrite.edited_after_submit if rewrite.status is RewriteStatus.SUBMITTED else None
    return rewrite.model_copy(
        update={
            "updated_at": stamp,
            "submitted_at": submitted_at,
            "flag_reason": flag_reason,
            "edited_after_submit": edited,
        }
    )


def write_rewrite(conn: sqlite3.Connection, stored: Rewrite) -> None:
    """Upsert ``stored`` (from :func:`stamped_for_save`) and its task's status, inside the caller's
    write transaction. Raises :class:`RewriteSealed` (the caller's transaction then rolls back)."""
    cursor = conn.execute(_UPSERT, rewrite_to_row(stored))
    if cursor.rowcount == 0:
        sealed = conn.execute(
            "SELECT sealed_bundle_id IS NOT NULL FROM rewrites WHERE task_id = ?", (stored.task_id,)
        ).fetchone()
        if sealed is not None and sealed[0]:
            raise RewriteSealed(f"the rewrite of task {stored.task_id} is sealed in a bundle")
        raise RewriteSealed(
            f"the rewrite of task {stored.task_id} was reopened for revision meanwhile; open the task again"
        )
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
        """(task, rewrite) pairs in queue order for export, streamed from a cursor: confirmed
        work only, as in a bundle, so a submitted rewrite edited after submit is left out until it
        is submitted again (:meth:`count_edited_after_submit` says how many)."""
        where = f"r.status IN ({','.join('?' * len(statuses))}) AND r.edited_after_submit IS NULL"
        yield from _select_pairs(self._conn, where, list(statuses), project)

    # -- sealing (inside the caller's transaction) -------------------------------------------------

    def unsealed_pairs(
        self, conn: sqlite3.Connection, project: str | None = None
    ) -> list[tuple[Task, Rewrite]]:
        """Submitted rewrites not yet in a bundle with their tasks, in queue order; a rewrite edited
        after submit is not among them until it is submitted again.

        Read inside the caller's sealing transaction ``conn``, so what is sealed is exactly what
        was read.
        """
        return list(_select_pairs(conn, _UNSEALED, [], project))

    def mark_sealed(self, conn: sqlite3.Connection, rewrite_ids: Sequence[str], bundle_id: str) -> None:
        """Point every sealed rewrite at its bundle, in the caller's sealing transaction ``conn``.

        Raises RuntimeError (so the caller's transaction rolls back) if any of them was sealed
        already or is gone.
        """
        cursor = conn.executemany(
            "UPDATE rewrites SET sealed_bundle_id = ? WHERE rewrite_id = ? AND sealed_bundle_id IS NULL",
            ((bundle_id, rewrite_id) for rewrite_id in rewrite_ids),
        )
        if cursor.rowcount != len(rewrite_ids):
            raise RuntimeError(
                f"expected to seal {len(rewrite_ids)} rewrites but {cursor.rowcount} were still unsealed"
            )

    def reopen_for_revision(
        self, conn: sqlite3.Connection, *, task_id: str, rewrite_id: str, bundle_id: str, text: str
    ) -> Rewrite | None:
        """Turn the sealed rewrite ``rewrite_id`` of ``task_id`` (sealed in ``bundle_id``) back into a
        draft of ``text`` (the judged text), inside the caller's transaction ``conn``.

        The row gets a new rewrite id and ``revision_of`` = the sealed one; ratings, tags, notes and
        time carry over; the task is back in the writer's queue as a draft. Returns the new draft,
        or None (nothing changed) when the row is not that sealed rewrite any more (already
        reopened, or the task is gone).
        """
        stamp = now_iso()
        cursor = conn.execute(
            "UPDATE rewrites SET rewrite_id = ?, text = ?, status = ?, sealed_bundle_id = NULL, "
            "submitted_at = NULL, flag_reason = NULL, edited_after_submit = NULL, revision_of = ?, "
            "updated_at = ? "
            "WHERE task_id = ? AND rewrite_id = ? AND sealed_bundle_id = ?",
            (
                new_rewrite_id(),
                text,
                RewriteStatus.DRAFT.value,
                dumps({"bundle_id": bundle_id, "rewrite_id": rewrite_id}),
                stamp,
                task_id,
                rewrite_id,
                bundle_id,
            ),
        )
        if cursor.rowcount == 0:
            return None
        conn.execute("UPDATE tasks SET status = ? WHERE id = ?", (RewriteStatus.DRAFT.value, task_id))
        row = conn.execute(f"SELECT {REWRITE_COLUMNS} FROM rewrites WHERE task_id = ?", (task_id,)).fetchone()
        return rewrite_from_row(row)

    def count_unsealed(self, project: str | None = None) -> int:
        """How many submitted rewrites (of ``project``, or all) are waiting to be sealed."""
        return _count(self._conn, _UNSEALED, project)

    def count_unconfirmed(self, *, statuses: Sequence[str], project: str | None = None) -> int:
        """How many rewrites an export of ``statuses`` leaves out (see :meth:`pairs`)."""
        return self.count_edited_after_submit(project) if RewriteStatus.SUBMITTED.value in statuses else 0

    def count_edited_after_submit(
        self, project: str | None = None, conn: sqlite3.Connection | None = None
    ) -> int:
        """How many submitted, unsealed rewrites (of ``project``, or all) were edited after submit
        and wait for the writer to submit them again; read on ``conn`` inside a seal's transaction."""
        return _count(conn or self._conn, _EDITED_AFTER_SUBMIT, project)


_SUBMITTED_UNSEALED = "r.status = 'submitted' AND r.sealed_bundle_id IS NULL"
_UNSEALED = f"{_SUBMITTED_UNSEALED} AND r.edited_after_submit IS NULL"
_EDITED_AFTER_SUBMIT = f"{_SUBMITTED_UNSEALED} AND r.edited_after_submit IS NOT NULL"
_TASK_WIDTH = len(TASK_COLUMNS.split(","))
_PAIR_COLUMNS = ", ".join(
    [f"t.{c.strip()}" for c in TASK_COLUMNS.split(",")]
    + [f"r.{c.strip()}" for c in REWRITE_COLUMNS.split(",")]
)


def _count(conn: sqlite3.Connection, where: str, project: str | None) -> int:
    """How many rewrites match ``where`` (and belong to ``project`` if given)."""
    sql = f"SELECT count(*) FROM rewrites r JOIN tasks t ON t.id = r.task_id WHERE {where}"
    params: tuple[str, ...] = ()
    if project:
        sql += " AND t.project = ?"
        params = (project,)
    return int(conn.execute(sql, params).fetchone()[0])


def _select_pairs(
    conn: sqlite3.Connection, where: str, params: list[object], project: str | None
) -> Iterator[tuple[Task, Rewrite]]:
    """(task, rewrite) pairs matching ``where`` (and ``project`` if given), in queue order."""
    sql = f"SELECT {_PAIR_COLUMNS} FROM rewrites r JOIN tasks t ON t.id = r.task_id WHERE {where}"
    if project:
        sql += " AND t.project = ?"
        params = [*params, project]
    for row in conn.execute(sql + " ORDER BY t.seq", params):
        yield task_from_row(row[:_TASK_WIDTH]), rewrite_from_row(row[_TASK_WIDTH:])
