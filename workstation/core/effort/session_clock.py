"""Timing one sitting at one task for its work-session record, without Qt.

The editor drives it: :meth:`SessionClock.open` when a task is opened, :meth:`SessionClock.stamp`
at every save (autosave, submit, task switch, quit) to get the rewrite with its running total and
the session to save with it in one transaction (``Store.save_work``), :meth:`SessionClock.close`
once the task is left. The :class:`ActiveTimeTracker` keeps the running total of the task across
sittings; a session holds only the seconds of its own sitting, so a task's sessions add up to
the total. Each stamp describes the sitting from its start up to now, so a save that failed
loses nothing: the next one carries the same sitting further. With an :class:`EffortRecorder`,
the session also carries the sitting's effort counts as of the stamp (``None`` each when not
recorded), and the longest idle gap comes from the tracker, the clock the active time uses.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from workstation.core.clock import iso_utc, now_iso, parse_iso_utc
from workstation.core.effort.active_time import ActiveTimeTracker
from workstation.core.effort.recorder import EffortCounts, EffortRecorder
from workstation.core.models import Rewrite, Task, WorkSession, WorkSessionSource

SECONDS_PRECISION = 1
"""Decimal places of the active seconds stored (tenths): finer than any timesheet shows."""


def new_work_session(task: Task, *, source: WorkSessionSource, at: str | None = None) -> WorkSession:
    """A sitting at ``task`` that starts (and, so far, ends) at ``at`` (now by default), with no time."""
    stamp = at or now_iso()
    return WorkSession(
        id="ws-" + uuid.uuid4().hex,
        task_id=task.id,
        project=task.project,
        started_at=stamp,
        ended_at=stamp,
        source=source,
    )


class NoOpenSession(RuntimeError):
    """A stamp was asked for while no task is open, or for another task than the open one."""


class SessionClock:
    """The current sitting: when it began, and the tracker's total when it began.

    ``monotonic`` must be the clock the tracker's other readings use (``action``, ``set_focused``);
    ``wall_clock`` gives the UTC timestamps written into the session. ``effort`` counts what the
    writer does in each sitting; without one, sessions leave the effort counts "not recorded".
    """

    def __init__(
        self,
        tracker: ActiveTimeTracker,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], str] = now_iso,
        source: WorkSessionSource = WorkSessionSource.APP,
        effort: EffortRecorder | None = None,
    ) -> None:
        self._tracker = tracker
        self._effort = effort
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._source = source
        self._current: WorkSession | None = None
        self._base_seconds = 0.0

    @property
    def current(self) -> WorkSession | None:
        """The open sitting as of its last stamp, or ``None`` between tasks."""
        return self._current

    def open(self, task: Task, rewrite: Rewrite, *, focused: bool = True) -> WorkSession:
        """Start a sitting at ``task`` whose stored running total is ``rewrite.active_seconds``.

        Resets the tracker to that total. Opening is not an action: time counts from the
        writer's first input after it (a key, a click, a scroll), so a window left open at
        launch, or a task opened and left, is credited nothing. Returns the new session (zero
        seconds), for ``store.work_sessions.begin`` if the caller wants the sitting on record
        before the first save.
        """
        now = self._monotonic()
        self._tracker.reset(rewrite.active_seconds, now, focused=focused)
        self._base_seconds = rewrite.active_seconds
        session = new_work_session(task, source=self._source, at=self._wall_clock())
        if self._effort is not None:
            self._effort.start(rewrite.text)
            session = session.model_copy(update=self._effort_counts())
        self._current = session
        return session

    def _effort_counts(self) -> EffortCounts:
        assert self._effort is not None
        idle = round(self._tracker.longest_idle_seconds, SECONDS_PRECISION)
        return self._effort.counts(idle)

    def stamp(self, rewrite: Rewrite) -> tuple[Rewrite, WorkSession]:
        """``rewrite`` with its running total brought up to now, and this sitting as of now.

        Save the two together (``Store.save_work``). The session's seconds are what the tracker
        counted since opening, never negative; its end is now, but never before its start (a
        clock set back mid-sitting would otherwise make the record impossible).
        """
        current = self._current
        if current is None:
            raise NoOpenSession("no task is open, so there is no work session to save")
        if rewrite.task_id != current.task_id:
            raise NoOpenSession(
                f"the open work session is for task {current.task_id!r}, not {rewrite.task_id!r}"
            )
        # The sitting is rounded, and the total is the opening total plus it, so the sessions add
        # up to the total whatever precision the opening total had.
        tracked = self._tracker.tick(self._monotonic()) - self._base_seconds
        sitting = max(0.0, round(tracked, SECONDS_PRECISION))
        ended = iso_utc(parse_iso_utc(self._wall_clock()))
        update: dict[str, object] = {"ended_at": max(ended, current.started_at), "active_seconds": sitting}
        if self._effort is not None:
            self._effort.saved(rewrite.text)
            update.update(self._effort_counts())
        session = current.model_copy(update=update)
        self._current = session
        return rewrite.model_copy(update={"active_seconds": self._base_seconds + sitting}), session

    def close(self) -> None:
        """Leave the task: the next :meth:`open` starts a new sitting. Save (stamp) before this."""
        self._current = None
