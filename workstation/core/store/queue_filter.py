"""Which tasks a view of the queue shows, and the SQL that picks them.

Queue order is import order (``seq``). The queue shows a task's state: its status, except that a
submitted rewrite sealed into a bundle is "sealed" (:data:`SEALED`); filtering by "submitted"
lists the submitted tasks not sealed yet.

A search walks the full-text index, which yields its matches in queue order already, and looks
each one up by its seq: no sort, and a page stops the walk as soon as it is full. The index is
kept first by ``CROSS JOIN``: left to itself the planner may walk the tasks by status and run the
whole full-text query again for each one (66 s for a prefix search over the submitted tasks of
100,000). The full-text query itself comes from :mod:`~workstation.core.store.search_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workstation.core.model_enums import ALL_STATUSES, RewriteStatus

SEALED = "sealed"
"""The queue state of a task whose rewrite is sealed in a signed bundle (its status is submitted)."""

QUEUE_STATES: tuple[str, ...] = (*ALL_STATUSES, SEALED)
"""Every state the queue shows and filters by."""

_STATE_FILTERS = {
    SEALED: "r.sealed_bundle_id IS NOT NULL",
    RewriteStatus.SUBMITTED.value: "(t.status = 'submitted' AND r.sealed_bundle_id IS NULL)",
}


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The tasks a view of the queue shows, as a value (the GUI keys its reads by it).

    In any of ``statuses`` (:data:`QUEUE_STATES`; every state when empty), in ``project`` (every
    project when None or empty), whose prompt, original or rewrite holds every word of ``search``
    (every task when None; the last word also as the start of a longer word). A search with no
    word in it (only punctuation, say) matches no task.
    """

    statuses: tuple[str, ...] = ()
    search: str | None = None
    project: str | None = None

    @classmethod
    def of(
        cls, statuses: Sequence[str] | None = None, search: str | None = None, project: str | None = None
    ) -> QueueFilter:
        return cls(tuple(statuses or ()), search, project or None)

    @property
    def unfiltered(self) -> bool:
        """Every task: counted and paged through in about a millisecond at any size."""
        return not self.statuses and self.search is None and self.project is None

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of :class:`~workstation.core.store.tasks.TaskQueries`' reads."""
        return {"statuses": self.statuses, "search": self.search, "project": self.project}


def _state_condition(states: Sequence[str], params: list[object]) -> str:
    """The WHERE condition for tasks in any of ``states``; plain statuses become parameters."""
    plain = [state for state in states if state not in _STATE_FILTERS]
    parts = [_STATE_FILTERS[state] for state in dict.fromkeys(states) if state in _STATE_FILTERS]
    if plain:
        parts.append(f"t.status IN ({','.join('?' * len(plain))})")
        params.extend(plain)
    return "(" + " OR ".join(parts) + ")"


def _statuses_of(states: Sequence[str]) -> tuple[str, ...] | None:
    """The task statuses ``states`` can hold (a submitted state is the submitted status), or
    None when there are none to name: no state filter, or one for sealed work, which any status
    may hold."""
    if not states or SEALED in states:
        return None
    return tuple(dict.fromkeys(states))


def _match_also(wanted: QueueFilter, params: list[object]) -> str:
    """The condition that a search's match is also in ``wanted``'s states and project, asked of
    each match in an ``EXISTS`` so that the full-text index stays the one table walked.

    A plain status or a project alone is looked up in its narrow index (status or project, seq):
    a seek per match, not a read of the task's wide row, 3-5x faster on a common word. A state
    that needs the rewrite (submitted, sealed) reads the task and its rewrite.
    """
    needs_rewrites = any(state in _STATE_FILTERS for state in wanted.statuses)
    statuses = _statuses_of(wanted.statuses)
    conditions = ["t.seq = s.rowid"]
    if wanted.statuses and wanted.project:
        tables = "tasks t"
    elif statuses is not None:
        # The narrow index answers "is this match in one of these statuses" on its own; only the
        # matches that are read their rewrite (a submitted task: is it sealed yet?).
        tables = "tasks t INDEXED BY tasks_status"
        conditions.append(f"t.status IN ({','.join('?' * len(statuses))})")
        params.extend(statuses)
    elif needs_rewrites:
        tables = "tasks t"
    else:
        tables = "tasks t INDEXED BY tasks_project"
    if needs_rewrites:
        tables += " LEFT JOIN rewrites r ON r.task_id = t.id"
    if wanted.statuses:
        conditions.append(_state_condition(wanted.statuses, params))
    if wanted.project:
        conditions.append("t.project = ?")
        params.append(wanted.project)
    return f"EXISTS (SELECT 1 FROM {tables} WHERE {' AND '.join(conditions)})"


@dataclass(frozen=True, slots=True)
class FilterSql:
    """The tables, conditions and parameters that pick the queue's tasks; ``seq`` names the
    column that orders them (every table involved is keyed by the task's seq)."""

    tables: str
    conditions: tuple[str, ...]
    params: tuple[object, ...]
    seq: str

    def where(self, *extra: str) -> str:
        conditions = (*self.conditions, *extra)
        return " WHERE " + " AND ".join(conditions) if conditions else ""


def filter_sql(wanted: QueueFilter, match: str | None, *, rows: bool, positions: bool = False) -> FilterSql:
    """What selects ``wanted``'s tasks; ``match`` is the full-text query of its search (None: no
    search; the caller answers a search with no word itself).

    ``rows``: the rewrites are joined for the columns the queue shows; otherwise only for a state
    filter that needs them. A search is counted in the full-text index, each match asked about
    its state and project only when those are filtered too. ``positions``: an unfiltered count
    of tasks before a seq walks the narrow status index, not the table (3 ms instead of 120 ms at
    100,000 tasks).
    """
    conditions: list[str] = []
    params: list[object] = []
    seq = "t.seq"
    states, project = wanted.statuses, wanted.project
    needs_rewrites = rows or any(state in _STATE_FILTERS for state in states)
    if match is not None:
        conditions.append("task_search MATCH ?")
        params.append(match)
        seq = "s.rowid"
        if not rows:  # a count or a position: the index is the one table walked
            if states or project:
                conditions.append(_match_also(wanted, params))
            return FilterSql("task_search s", tuple(conditions), tuple(params), seq)
        tables = "task_search s CROSS JOIN tasks t ON t.seq = s.rowid"
    elif positions and not (states or project):
        tables = "tasks t INDEXED BY tasks_status"
    else:
        tables = "tasks t"
    if needs_rewrites:
        tables += " LEFT JOIN rewrites r ON r.task_id = t.id"  # its primary key: one lookup a row
    if states:
        conditions.append(_state_condition(states, params))
    if project:
        conditions.append("t.project = ?")
        params.append(project)
    return FilterSql(tables, tuple(conditions), tuple(params), seq)
