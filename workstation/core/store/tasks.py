"""Task queries: the queue (a page of it and how many tasks match), single tasks, full-text search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from workstation.core.models import Task
from workstation.core.store.queue_filter import QueueFilter, count_query, page_clauses
from workstation.core.store.rows import TASK_COLUMNS, task_from_row
from workstation.core.store.search_words import SearchWords

SNIPPET_CHARS = 120
PAGE_SIZE = 50
"""Tasks in a page when the caller names no size: a screenful of the queue, or of the CLI's list."""


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What the queue shows for one task without loading its whole text.

    ``revision`` is True for a draft a reviewer sent back with revisions requested.
    """

    seq: int
    id: str
    status: str
    snippet: str
    revision: bool = False


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of a filtered queue, and how many tasks the filter matches in all.

    ``next_after`` is the seq to pass as ``after_seq`` for the page that follows, or None when
    no task follows this page (known without trusting ``total``, which another writer may change
    before the next page is asked for).
    """

    rows: tuple[QueueRow, ...]
    total: int
    next_after: int | None


class TaskQueries:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._search_words = SearchWords(conn)

    def get(self, task_id: str) -> Task | None:
        row = self._conn.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return task_from_row(row) if row else None

    def count(self, wanted: QueueFilter | None = None) -> int:
        """How many tasks ``wanted`` matches (every task by default).

        A search's count walks its matches in the index without reading the tasks: a word in
        half of 100,000 tasks is counted in a few milliseconds. With a status or project filter
        as well, each match is looked up in that column's index (about 0.3-0.5 µs a match).
        """
        wanted = wanted or QueueFilter()
        match = self._match(wanted)
        if wanted.search is not None and match is None:
            return 0
        sql, params = count_query(wanted, match)
        return int(self._conn.execute(sql, params).fetchone()[0])

    def page(
        self,
        wanted: QueueFilter | None = None,
        *,
        limit: int | None = PAGE_SIZE,
        offset: int = 0,
        after_seq: int | None = None,
    ) -> QueuePage:
        """Up to ``limit`` tasks (None: all) of the queue ``wanted`` shows, with the total it matches.

        Page on with ``after_seq=page.next_after`` (the same cost at any depth) or with ``offset``
        (each task skipped costs a step, so the last page of 100,000 tasks takes ~0.1 s). Rows and
        total come from one snapshot of the store, even if another connection writes meanwhile.
        """
        wanted = wanted or QueueFilter()
        with self._snapshot():
            rows = self.queue(
                statuses=wanted.statuses,
                search=wanted.search,
                project=wanted.project,
                limit=None if limit is None else limit + 1,  # one more tells if a page follows
                offset=offset,
                after_seq=after_seq,
            )
            total = self.count(wanted)
        shown = tuple(rows[:limit])
        more = limit is not None and len(rows) > limit
        return QueuePage(shown, total, shown[-1].seq if more and shown else None)

    def queue(
        self,
        *,
        statuses: Sequence[str] | None = None,
        search: str | None = None,
        project: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        after_seq: int | None = None,
    ) -> list[QueueRow]:
        """Tasks in queue order (import order), filtered; only a snippet of each original.

        The time grows with the rows returned (about 2-5 µs each on a 2-core laptop), so a word in
        half of 100,000 tasks costs far more listed whole than a page of it: use :meth:`page` for
        what a person looks at. ``offset`` and ``after_seq`` are as in :meth:`page`.
        """
        wanted = QueueFilter.of(statuses, search, project)
        match = self._match(wanted)
        if search is not None and match is None:
            return []
        sql = (
            f"SELECT t.seq, t.id, t.status, substr(t.original, 1, {SNIPPET_CHARS}), "
            "t.status = 'draft' AND EXISTS (SELECT 1 FROM rewrites r WHERE r.task_id = t.id "
            "AND r.revision_of IS NOT NULL) FROM tasks t"
        )
        clauses, params = page_clauses(wanted, match, limit=limit, offset=offset, after_seq=after_seq)
        return [
            QueueRow(seq, id_, status, snippet, bool(revision))
            for seq, id_, status, snippet, revision in self._conn.execute(sql + clauses, params)
        ]

    def _match(self, wanted: QueueFilter) -> str | None:
        """The full-text query of ``wanted``'s search; None without a search or without a word."""
        return None if wanted.search is None else self._search_words.query(wanted.search)

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Run the queries inside in one read transaction (or the caller's, if one is open)."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

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
