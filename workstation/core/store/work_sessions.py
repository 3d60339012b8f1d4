"""Work sessions: one row per sitting at a task, saved with the rewrite it produced.

Sessions are only ever added or brought up to date, never deleted: they are the writer's record of
hours worked. A session's seconds are written in the same transaction as the rewrite's running
total (:func:`save_work`), so the sessions of a task always add up to its rewrite's
``active_seconds``, and a crash at any moment leaves both exactly as of the last save.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from workstation.core.clock import iso_utc
from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.effort.session_days import TimedSitting, seconds_by_day, seconds_by_project
from workstation.core.models import Rewrite, WorkSession
from workstation.core.store.database import Database, StoreError
from workstation.core.store.rewrites import stamped_for_save, write_rewrite


class UnknownTask(StoreError):
    """The task named by a work session or rewrite is not in this store."""


class WorkSessionConflict(StoreError):
    """A session id already stands for a sitting at another task or with another start."""


_FIELDS = ("id", "task_id", "project", "started_at", "ended_at", "active_seconds", *EFFORT_FIELDS, "source")
_COLUMNS = ", ".join(_FIELDS)

# A session's identity (task, start, source) is fixed when it is first written; later saves of the
# same sitting only move its end, its seconds and its counts.
_UPSERT = f"""
INSERT INTO work_sessions ({_COLUMNS}) VALUES ({",".join("?" * len(_FIELDS))})
ON CONFLICT(id) DO UPDATE SET
    ended_at = excluded.ended_at, active_seconds = excluded.active_seconds,
    {", ".join(f"{name} = excluded.{name}" for name in EFFORT_FIELDS)}
WHERE work_sessions.task_id = excluded.task_id AND work_sessions.started_at = excluded.started_at
    AND work_sessions.source = excluded.source
"""

# Sessions with any part in [start, end): spanning into it, or (no span) starting inside it.
_OVERLAPPING = f"""
SELECT {_COLUMNS} FROM work_sessions
WHERE started_at < :end AND (ended_at > :start OR started_at >= :start)
    AND (:project IS NULL OR project = :project)
ORDER BY started_at, id
"""

_TIMED_OVERLAPPING = _OVERLAPPING.replace(
    _COLUMNS, "task_id, project, started_at, ended_at, active_seconds", 1
)

_EARLIEST = "0000-01-01T00:00:00.000Z"
_LATEST = "9999-12-31T23:59:59.999Z"


def _from_row(row: tuple[Any, ...]) -> WorkSession:
    return WorkSession(**dict(zip(_FIELDS, row, strict=True)))


def _to_row(session: WorkSession) -> tuple[Any, ...]:
    values = [getattr(session, name) for name in _FIELDS]
    values[-1] = session.source.value
    return tuple(values)


def _bound(moment: datetime | None, default: str) -> str:
    """A range bound in the stored textual form; a time without a zone is refused, not guessed."""
    if moment is None:
        return default
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment} has no time zone; pass an aware datetime (for example in UTC)")
    return iso_utc(moment)


def write_session(conn: sqlite3.Connection, session: WorkSession) -> WorkSession:
    """Insert ``session`` or bring its row up to date, inside the caller's write transaction.

    The project is always the task's own, so a session files under the project its task is in.
    Returns the session as stored. Raises :class:`UnknownTask` or :class:`WorkSessionConflict`.
    """
    row = conn.execute("SELECT project FROM tasks WHERE id = ?", (session.task_id,)).fetchone()
    if row is None:
        raise UnknownTask(
            f"there is no task with id {session.task_id!r} in this store, so its work session "
            "cannot be recorded"
        )
    stored = session.model_copy(update={"project": row[0]})
    if conn.execute(_UPSERT, _to_row(stored)).rowcount == 0:
        raise WorkSessionConflict(
            f"work session {session.id!r} is already on record for another task or start time; "
            "a sitting keeps its id, task and start for good"
        )
    return stored


def save_work(
    database: Database, rewrite: Rewrite, session: WorkSession, *, earlier: Sequence[WorkSession] = ()
) -> tuple[Rewrite, WorkSession]:
    """Save ``rewrite`` and the sitting that produced it in ONE write transaction.

    Either both are stored or neither is, so the sessions of a task keep adding up to the
    rewrite's ``active_seconds``. ``earlier`` are sittings at the same task whose own saves
    failed (the disk was full, then the writer left and came back): their time is already in the
    rewrite's total, so they are written in the same transaction. The rewrite is stamped as
    ``RewriteQueries.save`` does; a sealed rewrite raises ``RewriteSealed`` and nothing is
    written. Returns (rewrite, session) as stored.
    """
    for sitting in (*earlier, session):
        if rewrite.task_id != sitting.task_id:
            raise ValueError(
                f"the work session is for task {sitting.task_id!r} but the rewrite is for {rewrite.task_id!r}"
            )
    stored_rewrite = stamped_for_save(rewrite)
    with database.write() as conn:
        for sitting in earlier:
            write_session(conn, sitting)
        stored_session = write_session(conn, session)
        write_rewrite(conn, stored_rewrite)
    return stored_rewrite, stored_session


class WorkSessionQueries:
    """Recording sittings and reading them back for timesheets."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def begin(self, session: WorkSession) -> WorkSession:
        """Put a sitting on record the moment its task is opened, before anything is saved.

        A beginning holds no seconds: time is only ever written with the rewrite's total
        (:func:`save_work`), which is what keeps the two in step.
        """
        if session.active_seconds:
            raise ValueError(
                "a work session begins with no active seconds; its time is saved with the rewrite"
            )
        with self._database.write() as conn:
            return write_session(conn, session)

    def get(self, session_id: str) -> WorkSession | None:
        row = self._database.conn.execute(
            f"SELECT {_COLUMNS} FROM work_sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return _from_row(row) if row else None

    def for_task(self, task_id: str) -> list[WorkSession]:
        """Every sitting at ``task_id``, oldest first."""
        rows = self._database.conn.execute(
            f"SELECT {_COLUMNS} FROM work_sessions WHERE task_id = ? ORDER BY started_at, id", (task_id,)
        )
        return [_from_row(row) for row in rows]

    def between(
        self, start: datetime | None = None, end: datetime | None = None, *, project: str | None = None
    ) -> list[WorkSession]:
        """Sittings with any part in ``[start, end)`` (aware datetimes; ``None``: unbounded), oldest first."""
        params = {"start": _bound(start, _EARLIEST), "end": _bound(end, _LATEST), "project": project}
        return [_from_row(row) for row in self._database.conn.execute(_OVERLAPPING, params)]

    def timed_between(
        self, start: datetime | None = None, end: datetime | None = None, *, project: str | None = None
    ) -> list[TimedSitting]:
        """The sittings of :meth:`between` as :class:`TimedSitting` (times parsed, no effort counts):
        what a timesheet needs, read without building a model per row."""
        params = {"start": _bound(start, _EARLIEST), "end": _bound(end, _LATEST), "project": project}
        parse = datetime.fromisoformat  # stored times are all ``...Z`` UTC (see WorkSession)
        return [
            TimedSitting(task_id, name, parse(began), parse(ended), seconds)
            for task_id, name, began, ended, seconds in self._database.conn.execute(
                _TIMED_OVERLAPPING, params
            )
        ]

    def seconds_by_day(
        self, start: datetime | None = None, end: datetime | None = None, *, project: str | None = None
    ) -> dict[date, float]:
        """Active seconds per UTC date within ``[start, end)``; a sitting past midnight is split
        (see :mod:`workstation.core.effort.session_days`). Days without work are left out."""
        return seconds_by_day(self.between(start, end, project=project), start, end)

    def seconds_by_project(
        self, start: datetime | None = None, end: datetime | None = None
    ) -> dict[str, float]:
        """Active seconds per project within ``[start, end)``; projects without work are left out."""
        return seconds_by_project(self.between(start, end), start, end)
