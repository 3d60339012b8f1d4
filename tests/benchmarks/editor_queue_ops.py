"""The GUI thread's share of searching, filtering and reloading the writer's queue.

Run inside ``editor_cold_start_child.py queue`` (a window on a big store, first task shown).
Each operation is done the way the writer does it: a word typed into the search box, the search
cleared, a status chosen and "All tasks" chosen again, and the reload a seal causes (the store
says tasks changed). The event loop then runs until the queue shows the result with every row on
screen read, and a short tail for the paint.

A 1 ms heartbeat timer notes the wall clock and the GUI thread's CPU time (``time.thread_time``)
at every turn of the loop. The longest gap between two beats is the longest the window could not
answer; its CPU share is what the app spent in it (the rest is other processes on a shared
machine), and ``met`` compares that longest block with one 60 Hz frame, 16 ms. ``gui_thread_ms``
adds up the CPU the GUI thread spent until the result was shown, less the heartbeat's own cost
(measured idle first). ``gc_pause_ms_max`` is the longest collection of Python's cyclic garbage
collector on the GUI thread meanwhile: a pause the app's code does not choose. Milliseconds.
"""

from __future__ import annotations

import gc
import itertools
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer

from workstation.gui.operations import Changes

COMMON_WORD = "delve"
"""In about 44% of the synthetic tasks (43,774 of 100,000): a search that lists half the queue."""
FILTER_STATUS = "submitted"
ROUNDS = 5
BEAT_MS = 1
TAIL_S = 0.05
TIMEOUT_S = 30.0
TARGET_MS = 16.0
SEAL_CHANGES = Changes(tasks=True, outbox=True)
"""What a seal tells the window (``outbox_controller``): tasks changed state, the outbox grew."""


def _settled(window: Any) -> bool:
    panel = window.queue_panel
    pending = getattr(panel, "search_pending", None)
    if pending is None:  # a tree from before the panel said so
        pending = panel._search_timer.isActive()
    return not pending and not getattr(getattr(window, "queue", None), "loading", False)


type Beats = list[tuple[float, float]]


class _GcPauses:
    """The GUI thread's garbage-collection pauses (seconds) while it is installed."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0
        self._thread = threading.get_ident()

    def __call__(self, phase: str, _info: dict[str, int]) -> None:
        if threading.get_ident() != self._thread:
            return
        if phase == "start":
            self._started = time.perf_counter()
        elif self._started:
            self.pauses.append(time.perf_counter() - self._started)
            self._started = 0.0

    def __enter__(self) -> _GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self)


def _run_loop(window: Any, action: Callable[[], None] | None, idle_s: float = 0.0) -> Beats:
    """Beats (wall s, GUI-thread CPU s) from before ``action`` until the queue settled plus a tail
    (or, with no action, for ``idle_s``)."""
    beats: Beats = [(time.perf_counter(), time.thread_time())]
    loop = QEventLoop()
    settled_at: list[float] = []

    def beat() -> None:
        now = (time.perf_counter(), time.thread_time())
        beats.append(now)
        elapsed = now[0] - beats[0][0]
        if action is None:
            if elapsed >= idle_s:
                loop.quit()
            return
        if not settled_at and _settled(window):
            settled_at.append(now[0])
        if (settled_at and now[0] - settled_at[0] >= TAIL_S) or elapsed > TIMEOUT_S:
            loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(BEAT_MS)
    timer.timeout.connect(beat)
    if action is not None:
        action()
    timer.start()
    loop.exec()
    timer.stop()
    return beats


def _figures(beats: Beats, beat_cpu_s: float) -> dict[str, float]:
    walls = [b[0] - a[0] for a, b in itertools.pairwise(beats)]
    cpus = [b[1] - a[1] for a, b in itertools.pairwise(beats)]
    busy = beats[-1][1] - beats[0][1] - beat_cpu_s * (len(beats) - 1)
    return {
        "gui_thread_ms": round(max(0.0, busy) * 1000, 2),
        "longest_block_cpu_ms": round(max(cpus) * 1000, 2),
        "longest_block_wall_ms": round(max(0.0, max(walls) * 1000 - BEAT_MS), 2),
        "until_settled_ms": round((beats[-1][0] - beats[0][0] - TAIL_S) * 1000, 1),
    }


def _choose_status(window: Any, status: str) -> None:
    box = window.queue_panel.status_filter
    box.setCurrentIndex(box.findData(status))


def measure_queue_ops(window: Any, app: Any) -> dict[str, Any]:
    """Each operation ROUNDS times, in a cycle that leaves the queue as it found it."""
    app.processEvents()
    idle = _run_loop(window, None, idle_s=0.3)
    beat_cpu_s = (idle[-1][1] - idle[0][1]) / max(1, len(idle) - 1)
    panel = window.queue_panel
    operations: list[tuple[str, Callable[[], None]]] = [
        ("search_common_word", lambda: panel.search_box.setText(COMMON_WORD)),
        ("clear_search", lambda: panel.search_box.setText("")),
        ("status_filter_submitted", lambda: _choose_status(window, FILTER_STATUS)),
        ("status_filter_all", lambda: _choose_status(window, "")),
        ("reload_after_seal", lambda: window.context.events.store_changed.emit(SEAL_CHANGES)),
    ]
    samples: dict[str, list[dict[str, float]]] = {name: [] for name, _ in operations}
    listed: dict[str, int] = {}
    for _ in range(ROUNDS):
        for name, action in operations:
            with _GcPauses() as collections:
                figures = _figures(_run_loop(window, action), beat_cpu_s)
            figures["gc_pause_ms_max"] = round(max(collections.pauses, default=0.0) * 1000, 2)
            samples[name].append(figures)
            listed[name] = window.queue_model.rowCount()
    result: dict[str, Any] = {"heartbeat_cpu_us_per_beat": round(beat_cpu_s * 1e6, 1)}
    for name, runs in samples.items():
        longest = max(run["longest_block_cpu_ms"] for run in runs)
        result[name] = {
            "rows_listed": listed[name],
            "gui_thread_ms_p50": statistics.median(run["gui_thread_ms"] for run in runs),
            "gui_thread_ms_max": max(run["gui_thread_ms"] for run in runs),
            "longest_block_cpu_ms_max": longest,
            "longest_block_wall_ms_max": max(run["longest_block_wall_ms"] for run in runs),
            "until_settled_ms_p50": statistics.median(run["until_settled_ms"] for run in runs),
            "gc_pause_ms_max": max(run["gc_pause_ms_max"] for run in runs),
            "target_ms": TARGET_MS,
            "met": longest <= TARGET_MS,
        }
    return result
