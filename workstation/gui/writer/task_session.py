"""The task being worked on: its rewrite in memory, debounced autosave, retries, active time and
the work-session record of this sitting.

Autosave follows DESIGN.md: at most ``AUTOSAVE_DEBOUNCE_MS`` after the last change — and, while
the writer types without pausing, at most ``AUTOSAVE_MAX_WAIT_MS`` after the first unsaved one —
and at once on task switch, focus loss and quit. Saves are operations on the store thread, so
typing never waits for the disk. Until the store confirms a save, the rewrite is kept here (per
task, so switching tasks never drops it); a failed save says so on screen and is retried. Work is
marked clean only after a save really succeeded. Each save writes the rewrite and this sitting's
work session in one transaction, so a crash leaves the session on record up to the last save.
The session carries this sitting's effort signals (:attr:`TaskSession.effort`, fed by the rewrite
pane): counts, never content, or "not recorded" when the writer turned them off.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.core.effort.active_time import ActiveTimeTracker
from workstation.core.effort.recorder import EffortRecorder
from workstation.core.effort.session_clock import SessionClock
from workstation.core.models import Rewrite, RewriteStatus, Task, WorkSession
from workstation.core.store import Store, new_rewrite
from workstation.core.store.rewrites import RewriteSealed
from workstation.core.submission import note_edit, submitted_again
from workstation.gui.common import sizes
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed
from workstation.gui.writer.metrics_bar import SaveState

LAST_TASK_KEY = "gui.last_task"


@dataclass(frozen=True)
class PendingWork:
    """A task's latest rewrite handed to the store, with every sitting whose time it holds that
    the store has not confirmed yet (the last is the current one). Saved all in one transaction,
    so a sitting whose own save failed is not lost when the writer leaves and comes back."""

    rewrite: Rewrite
    sittings: tuple[WorkSession, ...]


_STORE_STAMPED = ("rewrite_id", "created_at", "updated_at", "submitted_at")


class TaskSession(QObject):
    save_state_changed = Signal(str, str)  # SaveState value, detail
    saved = Signal(object)  # the stored Rewrite, after the store confirmed it
    active_seconds_changed = Signal(float)

    def __init__(
        self, context: AppContext, parent: QObject | None = None, clock: Callable[[], float] | None = None
    ) -> None:
        """``clock`` is the monotonic clock active time is measured with (seconds)."""
        super().__init__(parent)
        self._context = context
        self._clock = clock if clock is not None else time.monotonic
        self.task: Task | None = None
        self.rewrite: Rewrite | None = None
        self._stored = False  # the store holds (or is about to hold) a rewrite for this task
        self._changed = False  # the rewrite in memory has changes not yet handed to the store
        self._focused = True
        # Per task: the latest work handed to the store and not yet confirmed (or that failed).
        self._unsaved: dict[str, PendingWork] = {}
        self._last_error = ""
        # Set by the window: full metrics for a rewrite text, used when a save outruns the analysis.
        self.metrics_provider: Callable[[str], dict[str, Any]] | None = None
        self._metrics_text: str | None = None
        self.tracker = ActiveTimeTracker()
        self.effort = EffortRecorder(enabled=context.settings.record_effort())
        self.sitting = SessionClock(self.tracker, monotonic=self._clock, effort=self.effort)
        self._queued_seconds = 0.0
        self._debounce = self._timer(sizes.AUTOSAVE_DEBOUNCE_MS, self.flush)
        self._max_wait = self._timer(sizes.AUTOSAVE_MAX_WAIT_MS, self.flush)  # not restarted by keys
        self._retry = self._timer(sizes.SAVE_RETRY_MS, self._retry_unsaved)
        self._tick = QTimer(self)
        self._tick.setInterval(sizes.ACTIVE_TIME_TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()

    def _timer(self, msecs: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(slot)
        return timer

    # ----- opening
    def open(self, task: Task, *, start_from_original: bool = True) -> Rewrite:
        """Make ``task`` current; returns the rewrite to show (unconfirmed, stored, or a fresh draft)."""
        stored = self._known_rewrite(task)
        self.task = task
        self._stored = stored is not None
        self._changed = False
        self.rewrite = stored or new_rewrite(task, start_from_original=start_from_original)
        self._metrics_text = self.rewrite.text if self.rewrite.metrics else None
        self._queued_seconds = self.rewrite.active_seconds
        opened = self.sitting.open(task, self.rewrite, focused=self._focused)
        self.active_seconds_changed.emit(self.tracker.seconds)
        self._emit_state()

        def begin(store: Store) -> None:
            store.state.set(LAST_TASK_KEY, task.id)
            store.work_sessions.begin(opened)

        self._context.ops.run("open the task", begin, on_failed=_ignore)
        return self.rewrite

    def rewrite_for(self, task: Task, *, start_from_original: bool = True) -> Rewrite:
        """The rewrite :meth:`open` would show for ``task``, without opening it (to prepare it)."""
        return self._known_rewrite(task) or new_rewrite(task, start_from_original=start_from_original)

    def _known_rewrite(self, task: Task) -> Rewrite | None:
        """The latest rewrite of ``task``: handed to the store and unconfirmed, else the store's."""
        kept = self._unsaved.get(task.id)
        return kept.rewrite if kept else self._context.store.rewrites.get(task.id)

    @property
    def is_sealed(self) -> bool:
        return bool(self.rewrite and self.rewrite.sealed_bundle_id)

    @property
    def is_stored(self) -> bool:
        """The store holds a rewrite for this task (it has been edited at least once)."""
        return self._stored

    @property
    def dirty(self) -> bool:
        """The current task has changes the store has not confirmed yet."""
        return self._changed or (self.task is not None and self.task.id in self._unsaved)

    @property
    def unsaved_task_ids(self) -> tuple[str, ...]:
        """Tasks whose latest changes the store has not confirmed (queued, or failed and retried)."""
        return tuple(self._unsaved)

    # ----- editing
    def update(self, **fields: Any) -> None:
        """Change fields of the rewrite (text, ratings, tags, notes, cursor…) and schedule a save."""
        if self.rewrite is None or self.is_sealed:
            return
        # A submitted rewrite changed before its seal waits for a new submit (core.submission).
        self.rewrite = note_edit(self.rewrite, self.rewrite.model_copy(update=fields))
        self.tracker.action(self._clock())
        self._context.activity.touch()
        self._changed = True
        self._debounce.start()
        if not self._max_wait.isActive():
            self._max_wait.start()
        self._emit_state()

    def set_metrics(self, metrics: dict[str, Any], text: str) -> None:
        """Keep the latest metrics (computed for ``text``); they are written with the next save."""
        if self.rewrite is not None and not self.is_sealed:
            self.rewrite = self.rewrite.model_copy(update={"metrics": metrics})
            self._metrics_text = text

    def _current_metrics(self, rewrite: Rewrite) -> dict[str, Any]:
        """Metrics for exactly the text being saved: recomputed if the last analysis is older."""
        if self.metrics_provider is None or rewrite.text == self._metrics_text:
            return rewrite.metrics
        self._metrics_text = rewrite.text
        return self.metrics_provider(rewrite.text)

    def note_activity(self) -> None:
        """The writer acted without changing anything saved (scrolling, moving the cursor)."""
        self.tracker.action(self._clock())
        self._context.activity.touch()

    def set_effort_recording(self, on: bool) -> None:
        """Record effort signals from now on, or stop: the sitting under way then saves "not
        recorded" (its counts would be partial), and the next sitting is recorded whole."""
        if on == self.effort.enabled:
            return
        self.effort.set_enabled(on)
        if not on and self._stored and not self.is_sealed:  # the session on record says so soon
            self._changed = True
            self._debounce.start()

    @property
    def focused(self) -> bool:
        """Whether the app has the focus, as last told (active time counts only then)."""
        return self._focused

    def set_focused(self, focused: bool) -> None:
        self._focused = focused
        self.tracker.set_focused(focused, self._clock())
        if not focused:
            self.flush()

    def set_status(self, status: RewriteStatus, *, flag_reason: str | None = None) -> bool:
        """Submit, skip or flag: saved at once and waited for. Returns whether the save succeeded.

        Submitting confirms the text as it is now: an edited-after-submit mark goes with it.
        """
        if self.rewrite is None or self.is_sealed:
            return False
        rewrite = self.rewrite.model_copy(
            update={"status": status, "flag_reason": flag_reason if status is RewriteStatus.FLAGGED else None}
        )
        self.rewrite = submitted_again(rewrite) if status is RewriteStatus.SUBMITTED else rewrite
        self._changed = True
        return self.flush(exact_metrics=True, wait=True)

    # ----- saving
    def flush(self, *, cursor: int | None = None, exact_metrics: bool = False, wait: bool = False) -> bool:
        """Hand the current state to the store now if anything changed.

        Without ``wait`` the save is queued, and the answer is whether no earlier save of this
        task failed. With ``wait`` (submit, seal, quit) it returns once the store ran every save
        queued so far: True when it holds the current state. ``exact_metrics`` (submit, skip,
        flag): if the last analysis is older than the text, compute the metrics now so what is
        submitted (and later sealed) describes this exact text; autosaves keep the latest
        analysed metrics, so typing never stalls.
        """
        self._debounce.stop()
        self._max_wait.stop()
        if self.rewrite is not None and self.task is not None and not self.is_sealed:
            seconds = self.tracker.tick(self._clock())
            if cursor is not None and cursor != self.rewrite.cursor:
                self.rewrite = self.rewrite.model_copy(update={"cursor": cursor})
                self._changed = self._changed or self._stored
            if self._stored and seconds - self._queued_seconds >= 1.0:
                self._changed = True
            if self._changed:
                self._queue_current(exact_metrics=exact_metrics, wait=wait)
        if wait:
            self._context.ops.drain()
        return self.task is None or self.task.id not in self._unsaved or not (wait or self._last_error)

    def _queue_current(self, *, exact_metrics: bool, wait: bool) -> None:
        assert self.rewrite is not None
        metrics = self._current_metrics(self.rewrite) if exact_metrics else self.rewrite.metrics
        candidate = self.rewrite.model_copy(update={"metrics": metrics})
        if candidate.status is RewriteStatus.OPEN:
            candidate = candidate.model_copy(update={"status": RewriteStatus.DRAFT})
        candidate, sitting = self.sitting.stamp(candidate)  # the running total and this sitting
        self._changed = False
        self._stored = True
        self._queued_seconds = candidate.active_seconds
        before = self._unsaved.get(candidate.task_id)
        earlier = tuple(s for s in before.sittings if s.id != sitting.id) if before else ()
        self._queue(PendingWork(candidate, (*earlier, sitting)), wait=wait)

    def _queue(self, work_done: PendingWork, *, wait: bool = False) -> None:
        """Hand the rewrite and its sittings to the store thread; with ``wait``, block until saved."""
        self._unsaved[work_done.rewrite.task_id] = work_done

        def work(store: Store) -> Rewrite:
            *earlier, sitting = work_done.sittings
            return store.save_work(work_done.rewrite, sitting, earlier=earlier)[0]

        changes = Changes(rewrites=frozenset({work_done.rewrite.task_id}))
        if not wait:
            self._context.ops.run(
                "save the rewrite",
                work,
                changes=changes,
                on_done=lambda stored: self._saved(work_done, stored),
                on_failed=lambda error: self._failed(work_done, error),
            )
            return
        try:
            stored = self._context.ops.run_and_wait("save the rewrite", work, changes=changes)
        except OperationFailed as error:
            self._failed(work_done, error)
        else:
            self._saved(work_done, stored)

    def _saved(self, work_done: PendingWork, stored: Rewrite) -> None:
        task_id = stored.task_id
        if self._unsaved.get(task_id) is work_done:
            del self._unsaved[task_id]
        if not self._unsaved:
            self._retry.stop()
            self._last_error = ""
        if self.task is not None and self.task.id == task_id and self.rewrite is not None:
            # Keep the edits made meanwhile; take what the store stamped.
            stamped = {name: getattr(stored, name) for name in _STORE_STAMPED}
            if self.rewrite.status is not stored.status:
                stamped.pop("submitted_at")
            self.rewrite = self.rewrite.model_copy(update=stamped)
        if self.task is not None:
            self._emit_state()
        self.saved.emit(stored)

    def _failed(self, work_done: PendingWork, error: OperationFailed) -> None:
        task_id = work_done.rewrite.task_id
        if self._unsaved.get(task_id) is not work_done:
            return  # a newer save of this task is on its way
        current = self.task is not None and self.task.id == task_id
        if isinstance(error.cause, RewriteSealed):
            # Sealed in a bundle meanwhile: it can never be saved; the store's copy is the truth.
            del self._unsaved[task_id]
            if current:
                self._changed = False
                self.save_state_changed.emit(SaveState.READ_ONLY.value, error.message)
            return
        self._last_error = error.message
        self._retry.start()
        self._emit_state()

    def _retry_unsaved(self) -> None:
        """Try again every save that failed: the current task's and any left behind by a switch."""
        for task_id, work_done in list(self._unsaved.items()):
            if self._changed and self.task is not None and task_id == self.task.id:
                self.flush()  # newer edits replace the failed copy
            else:
                self._queue(work_done)

    def _emit_state(self) -> None:
        if self.is_sealed:
            self.save_state_changed.emit(SaveState.READ_ONLY.value, "")
        elif self._last_error and self._unsaved:
            others = len([t for t in self._unsaved if self.task is None or t != self.task.id])
            detail = self._last_error
            if others:
                detail += f" ({others} other task(s) wait to be saved too)"
            self.save_state_changed.emit(SaveState.FAILED.value, detail)
        elif self.dirty:
            self.save_state_changed.emit(SaveState.PENDING.value, "")
        else:
            self.save_state_changed.emit(SaveState.SAVED.value, "")

    def shutdown(self) -> None:
        """The window closed: no more saves, retries or ticks."""
        for timer in (self._debounce, self._max_wait, self._retry, self._tick):
            timer.stop()
        self.sitting.close()
        self.task = None
        self.rewrite = None

    def _on_tick(self) -> None:
        if self.task is not None:
            self.active_seconds_changed.emit(self.tracker.tick(self._clock()))


def _ignore(_error: OperationFailed) -> None:
    """Remembering the last task matters less than showing it; a full disk shows on the save line."""
