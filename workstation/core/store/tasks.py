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


@dataclass(frozen=True, slots=True)
class _Filtered:
    """The tables, conditions and parameters that pick the queue's tasks; ``seq`` names the
    column that orders them (every table involved is keyed by the task's seq)."""

    tables: str
    conditions: tuple[str, ...]
    params: tuple[object, ...]
    seq: str

    def where(self, *extra: str) -> str:
        conditions = (*self.conditions, *extra)
        return " WHERE " + " AND ".join(conditions) if conditions else ""


def _filtered(
    statuses: Sequence[str] | None,
    search: str | None,
    project: str | None,
    *,
    rows: bool,
    positions: bool = False,
) -> _Filtered | None:
    """What selects the queue's tasks; None when ``search`` has no word to look for.

    ``rows``: the rewrites are joined for the columns the queue shows; otherwise only for a state
    filter that needs them. A search alone is counted in the full-text index without visiting a
    task. ``positions``: an unfiltered count of tasks before a seq walks the narrow status index,
    not the table (3 ms instead of 120 ms at 100,000 tasks).
    """
    conditions: list[str] = []
    params: list[object] = []
    seq = "t.seq"
    needs_rewrites = rows or any(state in _STATE_FILTERS for state in statuses or ())
    if search is not None:
        query = fts_query(search)
        if query is None:
            return None
        conditions.append("task_search MATCH ?")
        params.append(query)
        seq = "s.rowid"
        if not (rows or statuses or project):
            return _Filtered("task_search s", tuple(conditions), tuple(params), seq)
        # The index first, kept first by CROSS JOIN: it yields the matches in queue order. Left to
        # itself the planner may walk the status index and run the match once per task (seconds).
        tables = "task_search s CROSS JOIN tasks t ON t.seq = s.rowid"
    elif positions and not (statuses or project):
        tables = "tasks t INDEXED BY tasks_status"
    else:
        tables = "tasks t"
    if needs_rewrites:
        tables += " LEFT JOIN rewrites r ON r.task_id = t.id"  # its primary key: one lookup a row
    if statuses:
        conditions.append(_state_condition(statuses, params))
    if project:
        conditions.append("t.project = ?")
        params.append(project)
    return _Filtered(tables, tuple(conditions), tuple(params), seq)


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
        offset: int = 0,
    ) -> list[QueueRow]:
        """Tasks in queue order (import order), filtered by state (:data:`QUEUE_STATES`: a
        status, or :data:`SEALED`); only a snippet of each original. ``limit`` rows from row
        ``offset`` (0 = the first) of that order: one page of the queue.

        A search walks the full-text index, which yields matches in queue order already, and
        looks each one up by its seq: no sort, and ``limit`` stops the walk early. The time grows
        with the number of matches returned (about 2-4 µs each on a 2-core laptop), so a word in
        half of 100,000 tasks costs far more than a rare one; pass ``limit`` for a first page.
        An ``offset`` is walked past, not jumped to: a page 50,000 rows down costs 20-50 ms.
        """
        chosen = _filtered(statuses, search, project, rows=True)
        if chosen is None:
            return []
        sql = (
            f"SELECT t.seq, t.id, t.status, substr(t.original, 1, {SNIPPET_CHARS}), "
            "t.status = 'draft' AND r.revision_of IS NOT NULL, r.sealed_bundle_id IS NOT NULL, "
            f"r.edited_after_submit IS NOT NULL FROM {chosen.tables}{chosen.where()} ORDER BY {chosen.seq}"
        )
        params = list(chosen.params)
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, max(0, offset)]
        return [
            QueueRow(seq, id_, status, snippet, bool(revision), bool(sealed), bool(edited))
            for seq, id_, status, snippet, revision, sealed, edited in self._conn.execute(sql, params)
        ]

    def count_queue(
        self,
        *,
        statuses: Sequence[str] | None = None,
        search: str | None = None,
        project: str | None = None,
    ) -> int:
        """How many tasks :meth:`queue` lists with these filters, without reading them.

        At 100,000 tasks: about 1 ms unfiltered, a few ms by a plain status or a search alone,
        up to ~150 ms for a search that matches most tasks combined with a state filter.
        """
        chosen = _filtered(statuses, search, project, rows=False)
        if chosen is None:
            return 0
        sql = f"SELECT count(*) FROM {chosen.tables}{chosen.where()}"
        return int(self._conn.execute(sql, chosen.params).fetchone()[0])

    def position_of(
        self,
        task_id: str,
        *,
        statuses: Sequence[str] | None = None,
        search: str | None = None,
        project: str | None = None,
    ) -> int | None:
        """The row (0 = first) ``task_id`` has in :meth:`queue` with these filters, None when
        it is not listed: how many listed tasks come before it in queue order."""
        found = self._conn.execute("SELECT seq FROM tasks WHERE id = ?", (task_id,)).fetchone()
        chosen = _filtered(statuses, search, project, rows=False, positions=True)
        if found is None or chosen is None:
            return None
        seq = int(found[0])
        listed = self._conn.execute(
            f"SELECT 1 FROM {chosen.tables}{chosen.where(f'{chosen.seq} = ?')}", [*chosen.params, seq]
        ).fetchone()
        if listed is None:
            return None
        before = f"SELECT count(*) FROM {chosen.tables}{chosen.where(f'{chosen.seq} < ?')}"
        return int(self._conn.execute(before, [*chosen.params, seq]).fetchone()[0])

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
