"""Task queries: the queue, single tasks, full-text search.

The queue shows a task's state: its status, except that a submitted rewrite sealed into a bundle
is "sealed" (:data:`SEALED`). Filtering by "submitted" lists the submitted tasks not sealed yet.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.core.model_enums import ALL_STATUSES, RewriteStatus

if TYPE_CHECKING:
    from workstation.core.models import Task

SNIPPET_CHARS = 120

SEALED = "sealed"
"""The queue state of a task whose rewrite is sealed in a signed bundle (its status is submitted)."""

QUEUE_STATES: tuple[str, ...] = (*ALL_STATUSES, SEALED)
"""Every state the queue shows and filters by."""

_STATE_FILTERS = {
    SEALED: "r.sealed_bundle_id IS NOT NULL",
    RewriteStatus.SUBMITTED.value: "(t.status = 'submitted' AND r.sealed_bundle_id IS NULL)",
}


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What the queue shows for one task without loading its whole text.

    ``revision`` is True for a draft a reviewer sent back with revisions requested, ``sealed``
    for a rewrite in a signed bundle, ``edited_after_submit`` for a submitted rewrite changed
    since, which waits for a new submit before it can be sealed.
    """

    seq: int
    id: str
    status: str
    snippet: str
    revision: bool = False
    sealed: bool = False
    edited_after_submit: bool = False

    @property
    def state(self) -> str:
        """What the queue shows: :data:`SEALED` for sealed work, else the task's status."""
        return SEALED if self.sealed else self.status


MIN_PREFIX_CHARS = 3


def fts_query(text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word must match, the last as a prefix
    (search as you type) once it has :data:`MIN_PREFIX_CHARS` characters.

    Each term is quoted, so FTS5 operators and punctuation in the search box are plain text. A
    one- or two-letter prefix would match most of a large queue (0.2–0.4 s over 100,000 tasks)
    for no use, so short last words match whole words only.
    """
    terms = [term.replace('"', '""') for term in text.split() if any(ch.isalnum() for ch in term)]
    if not terms:
        return None
    quoted = [f'"{term}"' for term in terms]
    if len(terms[-1]) >= MIN_PREFIX_CHARS:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def _state_condition(states: Sequence[str], params: list[object]) -> str:
    """The WHERE condition for tasks in any of ``states``; plain statuses become parameters."""
    plain = [state for state in states if state not in _STATE_FILTERS]
    parts = [_STATE_FILTERS[state] for state in dict.fromkeys(states) if state in _STATE_FILTERS]
    if plain:
        parts.append(f"t.status IN ({','.join('?' * len(plain))})")
        params.extend(plain)
    return "(" + " OR ".join(parts) + ")"


class TaskQueries:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, task_id: str) -> Task | None:
        # The one query here that builds a model: pydantic is imported when a whole task is read,
        # not for the queue or the counts (the command line's `tasks` and `stats`).
        from workstation.core.store.rows import TASK_COLUMNS, task_from_row

        row = self._conn.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return task_from_row(row) if row else None

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM tasks").fetchone()[0])

    def queue(
        self,
        *,
        statuses: Sequence[str] | None = None,
        search: str | None = None,
        project: str | None = None,
        limit: int | None = None,
    ) -> list[QueueRow]:
        """Tasks in queue order (import order), filtered by state (:data:`QUEUE_STATES`: a
        status, or :data:`SEALED`); only a snippet of each original.

        A search walks the full-text index, which yields matches in queue order already, and
        looks each one up by its seq: no sort, and ``limit`` stops the walk early. The time grows
        with the number of matches returned (about 2-4 µs each on a 2-core laptop), so a word in
        half of 100,000 tasks costs far more than a rare one; pass ``limit`` for a first page.
        """
        where: list[str] = []
        params: list[object] = []
        sql = (
            f"SELECT t.seq, t.id, t.status, substr(t.original, 1, {SNIPPET_CHARS}), "
            "t.status = 'draft' AND r.revision_of IS NOT NULL, r.sealed_bundle_id IS NOT NULL, "
            "r.edited_after_submit IS NOT NULL FROM tasks t"
        )
        order = "t.seq"
        if search is not None:
            query = fts_query(search)
            if query is None:
                return []
            sql += " JOIN task_search s ON s.rowid = t.seq"
            where.append("task_search MATCH ?")
            params.append(query)
            order = "s.rowid"
        sql += " LEFT JOIN rewrites r ON r.task_id = t.id"  # its primary key: one lookup a row
        if statuses:
            where.append(_state_condition(statuses, params))
        if project:
            where.append("t.project = ?")
            params.append(project)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [
            QueueRow(seq, id_, status, snippet, bool(revision), bool(sealed), bool(edited))
            for seq, id_, status, snippet, revision, sealed, edited in self._conn.execute(sql, params)
        ]

    def next_after(self, seq: int, *, statuses: Sequence[str] = ("open", "draft")) -> str | None:
        """The id of the next task in queue order that still needs work, wrapping around."""
        marks = ",".join("?" * len(statuses))
        for clause in ("seq > ?", "seq <= ?"):
            row = self._conn.execute(
                f"SELECT id FROM tasks WHERE {clause} AND status IN ({marks}) ORDER BY seq LIMIT 1",
                (seq, *statuses),
            ).fetchone()
            if row:
                return str(row[0])
        return None

    def status_counts(self) -> dict[str, int]:
        return {
            status: count
            for status, count in self._conn.execute("SELECT status, count(*) FROM tasks GROUP BY status")
        }
