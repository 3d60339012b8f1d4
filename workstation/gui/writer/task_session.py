"""The task being worked on: its rewrite in memory, debounced autosave, retries, active time.

Autosave follows DESIGN.md: at most ``AUTOSAVE_DEBOUNCE_MS`` after the last change, and at once on
task switch, focus loss and quit. A failed save keeps the work in memory, reports it, and retries;
the work is marked clean only after a save really succeeded.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.core.effort.active_time import ActiveTimeTracker
from workstation.core.models import Rewrite, RewriteStatus, Task
from workstation.core.store import RewriteSealed, Store, StoreError, new_rewrite
from workstation.gui.common import sizes
from workstation.gui.writer.metrics_bar import SaveState

SAVE_ERRORS = (StoreError, sqlite3.Error, OSError)


class TaskSession(QObject):
    save_state_changed = Signal(str, str)  # SaveState value, detail
    saved = Signal(object)  # the stored Rewrite
    active_seconds_changed = Signal(float)

    def __init__(
        self, store: Store, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self.task: Task | None = None
        self.rewrite: Rewrite | None = None
        self._stored = False  # the rewrite exists in the store
        self._dirty = False
        self._focused = True
        self._paused = False
        # Set by the window: full metrics for a rewrite text, used when a save outruns the analysis.
        self.metrics_provider: Callable[[str], dict[str, Any]] | None = None
        self._metrics_text: str | None = None
        self.tracker = ActiveTimeTracker()
        self._saved_seconds = 0.0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(sizes.AUTOSAVE_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(sizes.SAVE_RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self._tick = QTimer(self)
        self._tick.setInterval(sizes.ACTIVE_TIME_TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()

    # ----- opening
    def open(self, task: Task, *, start_from_original: bool = True) -> Rewrite:
        """Make ``task`` current; returns the rewrite to show (stored, or a fresh unsaved draft)."""
        stored = self._store.rewrites.get(task.id)
        self.task = task
        self._stored = stored is not None
        self.rewrite = stored or new_rewrite(task, start_from_original=start_from_original)
        self._dirty = False
        self._metrics_text = self.rewrite.text if self.rewrite.metrics else None
        self._saved_seconds = self.rewrite.active_seconds
        self.tracker.reset(self.rewrite.active_seconds, self._clock(), focused=self._focused)
        self.tracker.action(self._clock())
        self.active_seconds_changed.emit(self.tracker.seconds)
        self.save_state_changed.emit((SaveState.READ_ONLY if self.is_sealed else SaveState.SAVED).value, "")
        return self.rewrite

    @property
    def is_sealed(self) -> bool:
        return bool(self.rewrite and self.rewrite.sealed_bundle_id)

    @property
    def is_stored(self) -> bool:
        """The store holds a rewrite for this task (it has been edited at least once)."""
        return self._stored

    @property
    def dirty(self) -> bool:
        return self._dirty

    # ----- editing
    def update(self, **fields: Any) -> None:
        """Change fields of the rewrite (text, ratings, tags, notes, cursor…) and schedule a save."""
        if self.rewrite is None or self.is_sealed:
            return
        self.rewrite = self.rewrite.model_copy(update=fields)
        self.tracker.action(self._clock())
        self._dirty = True
        self._debounce.start()
        self.save_state_changed.emit(SaveState.PENDING.value, "")

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

    def set_focused(self, focused: bool) -> None:
        self._focused = focused
        self.tracker.set_focused(focused, self._clock())
        if not focused:
            self.flush()

    def set_status(self, status: RewriteStatus, *, flag_reason: str | None = None) -> bool:
        """Submit, skip or flag: saved at once. Returns whether the save succeeded."""
        if self.rewrite is None or self.is_sealed:
            return False
        self.rewrite = self.rewrite.model_copy(
            update={"status": status, "flag_reason": flag_reason if status is RewriteStatus.FLAGGED else None}
        )
        self._dirty = True
        return self.flush(exact_metrics=True)

    # ----- saving
    def pause_saving(self, paused: bool) -> None:
        """Hold saves while a background import holds the write lock; save at once when released."""
        self._paused = paused
        if not paused:
            self.flush()

    def flush(self, *, cursor: int | None = None, exact_metrics: bool = False) -> bool:
        """Save now if anything changed. True when the store holds the current state.

        ``exact_metrics`` (submit, skip, flag): if the last analysis is older than the text, compute
        the metrics now so what is submitted (and later sealed) describes this exact text. Autosaves
        keep the latest analysed metrics instead, so a long text never stalls typing.
        """
        self._debounce.stop()
        if self.rewrite is None or self.task is None or self.is_sealed:
            return True
        seconds = self.tracker.tick(self._clock())
        if cursor is not None and cursor != self.rewrite.cursor:
            self.rewrite = self.rewrite.model_copy(update={"cursor": cursor})
            self._dirty = self._dirty or self._stored
        if self._stored and seconds - self._saved_seconds >= 1.0:
            self._dirty = True
        if not self._dirty:
            return True
        if self._paused:
            self.save_state_changed.emit(SaveState.PENDING.value, "waiting for the import to finish")
            return False
        candidate = self.rewrite.model_copy(
            update={
                "active_seconds": round(seconds, 1),
                "metrics": self._current_metrics(self.rewrite) if exact_metrics else self.rewrite.metrics,
            }
        )
        if candidate.status is RewriteStatus.OPEN:
            candidate = candidate.model_copy(update={"status": RewriteStatus.DRAFT})
        try:
            stored = self._store.rewrites.save(candidate)
        except RewriteSealed as exc:
            self._dirty = False
            self.save_state_changed.emit(SaveState.READ_ONLY.value, str(exc))
            return False
        except SAVE_ERRORS as exc:
            self.save_state_changed.emit(SaveState.FAILED.value, str(exc))
            self._retry.start()
            return False
        self._retry.stop()
        # Keep edits made while saving? Saving is synchronous, so the stored copy is current.
        self.rewrite = stored
        self._stored = True
        self._dirty = False
        self._saved_seconds = stored.active_seconds
        self.save_state_changed.emit(SaveState.SAVED.value, "")
        self.saved.emit(stored)
        return True

    def shutdown(self) -> None:
        """The window closed: no more saves, retries or ticks."""
        for timer in (self._debounce, self._retry, self._tick):
            timer.stop()
        self.task = None
        self.rewrite = None

    def _on_tick(self) -> None:
        if self.task is not None:
            self.active_seconds_changed.emit(self.tracker.tick(self._clock()))
