"""Task queries: the queue (a page of it and how many tasks match), single tasks, full-text search.

Which tasks a view of the queue shows, and the SQL that picks them, is
:mod:`~workstation.core.store.queue_filter`; the words of a search are cut by
:mod:`~workstation.core.store.search_words`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workstation.core.store.queue_filter import SEALED, FilterSql, QueueFilter, filter_sql
from workstation.core.store.search_words import SearchWords

if TYPE_CHECKING:
    from workstation.core.models import Task

SNIPPET_CHARS = 120
PAGE_SIZE = 50
"""Tasks in a page when the caller names no size: a screenful of the queue, or of the CLI's list."""


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
        # The one query here that builds a model: pydantic is imported when a whole task is read,
        # not for the queue or the counts (the command line's `tasks` and `stats`).
        from workstation.core.store.rows import TASK_COLUMNS, task_from_row

        row = self._conn.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?", (task_id,)).fetchone()
        return task_from_row(row) if row else None

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM tasks").fetchone()[0])

    def has_any(self) -> bool:
        """Whether the store holds a task at all: one row looked at, where :meth:`count` walks an
        index of every task (a few ms at 100,000 tasks, asked on every task opened)."""
        return self._conn.execute("SELECT 1 FROM tasks LIMIT 1").fetchone() is not None

    def page(
        self,
        *,
        statuses: Sequence[str] | None = None,
        search: str | None = None,
        project: str | None = None,
        limit: int | None = PAGE_SIZE,
        offset: int = 0,
        after_seq: int | None = None,
    ) -> QueuePage:
        """Up to ``limit`` tasks (None: all) of the queue these filters show (as in :meth:`queue`),
        with the total they match.

        Page on with ``after_seq=page.next_after`` (the same cost at any depth) or with ``offset``
        (each task skipped costs a step, so the last page of 100,000 tasks takes ~0.1 s). Rows and
        total come from one snapshot of the store, even if another connection writes meanwhile.
        """
        more = None if limit is None else limit + 1  # one more tells if a page follows
        with self._snapshot():
            rows = self.queue(
                statuses=statuses,
                search=search,
                project=project,
                limit=more,
                offset=offset,
                after_seq=after_seq,
            )
            total = self.count_queue(statuses=statuses, search=search, project=project)
        shown = tuple(rows[:limit])
        follows = limit is not None and len(rows) > limit
        return QueuePage(shown, total, shown[-1].seq if follows and shown else None)

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
        """Tasks in queue order (import order), filtered by state (:data:`QUEUE_STATES`: a
        status, or :data:`SEALED`), project and search words; only a snippet of each original.
        ``limit`` rows from row ``offset`` (0 = the first) of that order, after the task whose seq
        is ``after_seq`` if given (keyset paging: as fast deep in the queue as at its top).

        The time grows with the rows returned (about 2-5 µs each on a 2-core laptop), so a word in
        half of 100,000 tasks costs far more listed whole than a page of it: use :meth:`page` for
        what a person looks at. An ``offset`` is walked past, not jumped to: a page 50,000 rows
        down costs 20-50 ms.
        """
        chosen = self._filter(statuses, search, project, rows=True)
        if chosen is None:
            return []
        extra = () if after_seq is None else (f"{chosen.seq} > ?",)
        sql = (
            f"SELECT t.seq, t.id, t.status, substr(t.original, 1, {SNIPPET_CHARS}), "
            "t.status = 'draft' AND r.revision_of IS NOT NULL, r.sealed_bundle_id IS NOT NULL, "
            f"r.edited_after_submit IS NOT NULL FROM {chosen.tables}{chosen.where(*extra)} "
            f"ORDER BY {chosen.seq}"
        )
        params = [*chosen.params, *(() if after_seq is None else (after_seq,))]
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
        chosen = self._filter(statuses, search, project, rows=False)
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
        chosen = self._filter(statuses, search, project, rows=False, positions=True)
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

    def _filter(
        self,
        statuses: Sequence[str] | None,
        search: str | None,
        project: str | None,
        *,
        rows: bool,
        positions: bool = False,
    ) -> FilterSql | None:
        """The SQL that picks these tasks; None when ``search`` holds no word (nothing matches)."""
        match = None if search is None else self._search_words.query(search)
        if search is not None and match is None:
            return None
        wanted = QueueFilter.of(statuses, search, project)
        return filter_sql(wanted, match, rows=rows, positions=positions)

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
