"""Which tasks a view of the queue shows, as SQL: the clauses that find a page of them, and the count.

Queue order is import order (``seq``). A search walks the full-text index, which yields its
matches in that order already, and looks each one up by its seq: no sort, and a page stops the
walk as soon as it is full. Two shapes are kept away from, both measured on a 100,000-task store:

- counting a search's matches among the tasks of one status with a plain join lets the planner
  walk the tasks by status and run the whole full-text query again for each one (66 s for a
  prefix search over the submitted tasks). The count keeps the index as its only table and asks
  about each match in an ``EXISTS``; the listing joins on ``+s.rowid``, which the index cannot use
  as a lookup, so it too always walks the index first;
- a count that filters by status or project through the tasks table reads one wide row per
  match; it asks the narrow index on that column instead (about 2x faster).

The full-text part is the query of :mod:`~workstation.core.store.search_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The tasks a view of the queue shows.

    Any of ``statuses`` (every status when empty), in ``project`` (every project when None or
    empty), whose prompt, original or rewrite holds every word of ``search`` (every task when
    None; the last word also as the start of a longer word). A search with no word in it (only
    punctuation, say) matches no task.
    """

    statuses: tuple[str, ...] = ()
    search: str | None = None
    project: str | None = None

    @classmethod
    def of(
        cls, statuses: Sequence[str] | None = None, search: str | None = None, project: str | None = None
    ) -> QueueFilter:
        return cls(tuple(statuses or ()), search, project or None)


def _task_conditions(wanted: QueueFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if wanted.statuses:
        where.append(f"t.status IN ({','.join('?' * len(wanted.statuses))})")
        params.extend(wanted.statuses)
    if wanted.project:
        where.append("t.project = ?")
        params.append(wanted.project)
    return where, params


def page_clauses(
    wanted: QueueFilter, match: str | None, *, limit: int | None, offset: int, after_seq: int | None
) -> tuple[str, list[object]]:
    """What follows ``SELECT ... FROM tasks t`` to list the page, with its parameters.

    ``match`` is the full-text query of ``wanted.search`` (None: no search). ``after_seq`` starts
    the page after that task (keyset paging: as fast deep in the queue as at its top); ``offset``
    skips that many matching tasks first (each costs a step of the walk, ~1 µs).
    """
    conditions, filter_params = _task_conditions(wanted)
    sql = ""
    where: list[str] = []
    params: list[object] = []
    order = "t.seq"
    if match is not None:
        sql += " JOIN task_search s ON t.seq = +s.rowid"
        where.append("task_search MATCH ?")
        params.append(match)
        order = "s.rowid"
    if after_seq is not None:
        where.append(f"{order} > ?")
        params.append(after_seq)
    where += conditions
    params += filter_params
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return sql, params


def count_query(wanted: QueueFilter, match: str | None) -> tuple[str, list[object]]:
    """A query for how many tasks ``wanted`` matches in all, with its parameters."""
    conditions, params = _task_conditions(wanted)
    if match is None:
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return f"SELECT count(*) FROM tasks t{where}", params
    if not conditions:
        return "SELECT count(*) FROM task_search WHERE task_search MATCH ?", [match]
    if wanted.statuses and wanted.project:
        narrow = ""  # both: the task's own row has both columns
    else:
        narrow = " INDEXED BY tasks_status" if wanted.statuses else " INDEXED BY tasks_project"
    sql = (
        "SELECT count(*) FROM task_search s WHERE task_search MATCH ? AND EXISTS ("
        f"SELECT 1 FROM tasks t{narrow} WHERE t.seq = s.rowid AND {' AND '.join(conditions)})"
    )
    return sql, [match, *params]
