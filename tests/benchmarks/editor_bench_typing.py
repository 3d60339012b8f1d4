"""The editor benchmark's typing and task-switching measurements (times in milliseconds).

What the writer sees after a keystroke is the diff and the lint marks painted; the analysis
comes in stages (diff, marks, metrics), so each stage's paint is watched through the editor's
signals. The event loop runs as the app's does, blocking until
something happens; the GUI thread's part is its CPU time from the key press until the metrics
are painted, and a heartbeat timer finds the longest the loop was held up meanwhile (by work or
by waiting for the interpreter the worker holds). The heartbeat is Python on the GUI thread too
(about 2 ms of its CPU per keystroke), so it runs on half the keys only: the GUI-thread figure
comes from the others, the stall figure from those.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from editor_bench_support import BenchWindow, PaintSeen, elapsed_ms, place_cursor, summary
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from workstation.gui.common import sizes
from workstation.gui.writer.window import WriterWindow

TARGETS_MS = {
    "keystroke_to_painted_p95": 33.0,  # two frames: the diff and the lint marks on screen
    "keystroke_gui_thread_p95": 16.0,
    "next_task_p95": 40.0,
    "big_text_longest_stall": 16.0,  # 50,000 words, typing and pausing
}
TYPING_INTERVAL_MS = 110  # a fast typist, about 110 words a minute
READING_PAUSE_MS = 400  # the shortest a writer spends on a task before Submit
HEARTBEAT_MS = 2


class PaintWatch:
    """Counts what the editor painted: the diff, the lint marks, the whole analysis."""

    def __init__(self, window: WriterWindow) -> None:
        self.diff = self.marks = self.analysis = 0
        editor = window.editor
        editor.comparison_painted.connect(lambda _c: self._bump("diff"))
        editor.marks_painted.connect(lambda _m: self._bump("marks"))
        editor.analysis_painted.connect(lambda _a: self._bump("analysis"))

    def _bump(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    @property
    def total(self) -> int:
        return self.diff + self.marks + self.analysis


class Heartbeat:
    """A timer every HEARTBEAT_MS on the GUI thread: the longest gap between its beats, less the
    interval, is the longest the event loop was held up (by work, or waiting for the interpreter)."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._last = time.perf_counter()
        self.longest_ms = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000.0 - HEARTBEAT_MS)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.longest_ms = 0.0
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest stall since ``start`` (ms), counting up to now."""
        self._beat()
        self._timer.stop()
        return max(self.longest_ms, 0.0)


def run_until(bench: BenchWindow, done: Callable[[], bool]) -> None:
    """Run the event loop as the app does (blocking until something happens) until ``done()``,
    then the posted events once more: the repaint of what the last stage changed."""
    deadline = time.perf_counter() + 600.0
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the editor painted nothing in time")
        bench.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    QCoreApplication.sendPostedEvents()


def press_key(window: WriterWindow, character: str) -> None:
    """Deliver ``character`` as a key press the way typing reaches the rewrite pane: to the
    window, whose event filters see it (the app's input watch), which hands it to its focus
    widget, the pane (:func:`place_cursor` gives it the focus)."""
    key = Qt.Key.Key_Space if character == " " else Qt.Key(Qt.Key.Key_A.value + ord(character) - ord("a"))
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, character)
    if not window.isActiveWindow():  # the offscreen platform focuses each window it shows
        window.activateWindow()  # (an import's progress window): the writer clicks back
        QCoreApplication.processEvents()
    QApplication.sendEvent(window.windowHandle(), event)


def typed_character(step: int) -> str:
    return " " if step % 6 == 5 else "abcdefghij"[step % 10]


@dataclass
class Stroke:
    key_ms: float  # the key press handler, with the edit and its slots
    painted_ms: float  # key press until the diff and the lint marks are painted
    analysed_ms: float  # key press until the metrics are painted too
    gui_cpu_ms: float  # GUI-thread CPU for this key, key press until everything is painted
    longest_stall_ms: float | None  # longest the event loop was held up meanwhile (heartbeat)


def measure_stroke(
    bench: BenchWindow, watch: PaintWatch, heartbeat: Heartbeat | None, character: str
) -> Stroke:
    """Type one character with the app's own scheduling and follow it until fully analysed;
    with a ``heartbeat``, also find the longest stall of the event loop meanwhile."""
    window = bench.window
    diff, marks, analysis = watch.diff, watch.marks, watch.analysis
    if heartbeat is not None:
        heartbeat.start()
    cpu = time.thread_time()
    started = time.perf_counter()
    press_key(window, character)
    key_ms = elapsed_ms(started)
    run_until(bench, lambda: watch.diff > diff and watch.marks > marks)
    painted_ms = elapsed_ms(started)
    run_until(bench, lambda: watch.analysis > analysis)
    analysed_ms = elapsed_ms(started)
    gui_cpu_ms = (time.thread_time() - cpu) * 1000.0
    return Stroke(key_ms, painted_ms, analysed_ms, gui_cpu_ms, heartbeat.stop() if heartbeat else None)


@dataclass
class Strokes:
    strokes: list[Stroke] = field(default_factory=list)
    by_recording: dict[bool, list[float]] = field(default_factory=lambda: {True: [], False: []})

    def figures(self) -> dict[str, Any]:
        painted = summary([s.painted_ms for s in self.strokes])
        watched = [s for s in self.strokes if s.longest_stall_ms is not None]
        unwatched = [s for s in self.strokes if s.longest_stall_ms is None] or watched
        gui = summary([s.gui_cpu_ms for s in unwatched])
        return {
            "keystroke_key_press": summary([s.key_ms for s in self.strokes]),
            "keystroke_key_press_recording_effort": summary(self.by_recording[True]),
            "keystroke_key_press_not_recording": summary(self.by_recording[False]),
            "keystroke_to_painted_diff_and_lint": painted,
            "keystroke_to_painted_keys_with_heartbeat": summary([s.painted_ms for s in watched]),
            "keystroke_to_painted_keys_without_heartbeat": summary([s.painted_ms for s in unwatched]),
            "keystroke_to_metrics_painted": summary([s.analysed_ms for s in self.strokes]),
            "gui_thread_cpu_per_keystroke": gui,
            "gui_thread_cpu_per_keystroke_with_heartbeat": summary([s.gui_cpu_ms for s in watched]),
            "longest_event_loop_stall_per_keystroke": summary([s.longest_stall_ms or 0.0 for s in watched]),
            "targets_ms": {
                "keystroke_to_painted_p95": TARGETS_MS["keystroke_to_painted_p95"],
                "gui_thread_p95": TARGETS_MS["keystroke_gui_thread_p95"],
            },
            "met": {
                "keystroke_to_painted_p95": painted["p95_ms"] < TARGETS_MS["keystroke_to_painted_p95"],
                "gui_thread_p95": gui["p95_ms"] < TARGETS_MS["keystroke_gui_thread_p95"],
            },
        }


def type_strokes(bench: BenchWindow, strokes: int, keep_going: Callable[[], bool] = lambda: True) -> Strokes:
    """Type up to ``strokes`` keys (clicking elsewhere every fifth) while ``keep_going()``.

    Every other key press is typed with the effort recording detached from the pane, so the
    recording's cost is the difference of two figures measured side by side on the same text;
    every other pair of keys runs the heartbeat, so both kinds of key are watched for stalls.
    """
    rng = random.Random(11)
    watch = PaintWatch(bench.window)
    heartbeat = Heartbeat()
    pane = bench.window.diff_view.rewrite_pane
    recorder = pane.effort
    result = Strokes()
    for step in range(strokes):
        if not keep_going():
            break
        if step % 5 == 0:  # the writer clicks somewhere else now and then, then types a few keys
            place_cursor(bench, rng.randrange(pane.document().characterCount() - 1))
        recording = step % 2 == 0
        pane.effort = recorder if recording else None
        watched = (step // 2) % 2 == 0
        stroke = measure_stroke(bench, watch, heartbeat if watched else None, typed_character(step))
        result.strokes.append(stroke)
        result.by_recording[recording].append(stroke.key_ms)
    pane.effort = recorder
    return result


# ----------------------------------------------------------------------------- next task
@dataclass
class Opening:
    painted_ms: float  # open_task until the new task's text and diff are on screen
    after_paint_ms: float  # first paint until the lint marks and metrics are painted too
    after_paint_longest_stall_ms: float  # longest the event loop was held up in that time
    painted_in_time: bool  # the pane really repainted before the clock stopped


def open_next(
    bench: BenchWindow, watch: PaintWatch, seen: PaintSeen, heartbeat: Heartbeat, task_id: str
) -> Opening:
    """Open ``task_id`` and time it to its first paint: posted events only (layout, repaint),
    no timers, so work the app leaves for after the paint is not counted in it but after it."""
    diff, analysis, paints = watch.diff, watch.analysis, seen.paints
    started = time.perf_counter()
    bench.window.editor.open_task(task_id)
    if watch.diff == diff:  # the worker makes this diff: wait for it
        run_until(bench, lambda: watch.diff > diff)
    QCoreApplication.sendPostedEvents()
    painted_ms = elapsed_ms(started)
    in_time = seen.paints > paints
    heartbeat.start()
    painted = time.perf_counter()
    run_until(bench, lambda: watch.analysis > analysis)
    return Opening(painted_ms, elapsed_ms(painted), heartbeat.stop(), in_time)


def _idle(bench: BenchWindow, ms: int) -> None:
    """Run the event loop with nothing to do for ``ms`` milliseconds: the writer reads."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _openings(
    bench: BenchWindow, task_ids: list[str], pause_ms: int, watch: PaintWatch, seen: PaintSeen
) -> dict[str, Any]:
    heartbeat = Heartbeat()
    openings = []
    for task_id in task_ids:
        openings.append(open_next(bench, watch, seen, heartbeat, task_id))
        if pause_ms:
            _idle(bench, pause_ms)
    painted = summary([o.painted_ms for o in openings])
    return {
        "open_task_until_painted": painted,
        "first_paint_until_lint_and_metrics_painted": summary([o.after_paint_ms for o in openings]),
        "longest_stall_after_first_paint": summary([o.after_paint_longest_stall_ms for o in openings]),
        "repainted_before_clock_stopped": sum(o.painted_in_time for o in openings),
        "met": painted["p95_ms"] < TARGETS_MS["next_task_p95"],
    }


def next_task_figures(bench: BenchWindow, ids: list[str], moves: int) -> dict[str, Any]:
    """``moves`` openings after the writer spent READING_PAUSE_MS on each task (Submit, then the
    next task: the app has prepared it meanwhile), then ``moves`` more stepping straight on."""
    watch = PaintWatch(bench.window)
    seen = PaintSeen()
    bench.window.diff_view.rewrite_pane.viewport().installEventFilter(seen)
    _idle(bench, READING_PAUSE_MS)
    after_reading = _openings(bench, ids[1 : moves + 1], READING_PAUSE_MS, watch, seen)
    stepping = _openings(bench, ids[moves + 1 : 2 * moves + 1], 0, watch, seen)
    return {
        "reading_pause_ms": READING_PAUSE_MS,
        "after_reading": after_reading,
        "stepping_straight_on": stepping,
        "target_p95_ms": TARGETS_MS["next_task_p95"],
    }


# ----------------------------------------------------------------------------- typing a big text
def typing_session(bench: BenchWindow, strokes: int, rng: random.Random) -> dict[str, Any]:
    """Type ``strokes`` keys every TYPING_INTERVAL_MS with the app's own scheduling, then pause
    until the last analysis is painted everywhere; a heartbeat timer finds every stall."""
    window = bench.window
    pane = window.diff_view.rewrite_pane
    cursor = place_cursor(bench, rng.randrange(pane.document().characterCount() - 1))
    watch = PaintWatch(window)
    handler_ms: list[float] = []
    gaps: dict[str, list[float]] = {"typing": [], "pausing": []}
    phase = ["typing"]
    last_beat = [time.perf_counter()]
    loop = QEventLoop()

    def beat() -> None:
        now = time.perf_counter()
        gaps[phase[0]].append((now - last_beat[0]) * 1000.0)
        last_beat[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)
    analysed_before = [0]

    def settled() -> None:
        highlighters = (window.diff_view.original_pane.highlighter, pane.highlighter)
        refresher = window.editor.refresher
        idle = not refresher.in_flight and not any(h.pending_blocks for h in highlighters)
        if watch.analysis > analysed_before[0] and idle:
            QTimer.singleShot(200, loop.quit)  # a little more quiet, to catch a late stall
        else:
            QTimer.singleShot(5, settled)

    def type_one() -> None:
        started = time.perf_counter()
        cursor.insertText(typed_character(len(handler_ms)))
        handler_ms.append(elapsed_ms(started))
        if len(handler_ms) >= strokes:
            phase[0] = "pausing"
            analysed_before[0] = watch.analysis
            QTimer.singleShot(sizes.DIFF_DEBOUNCE_MS, settled)
            return
        QTimer.singleShot(TYPING_INTERVAL_MS, type_one)

    heartbeat.start()
    QTimer.singleShot(TYPING_INTERVAL_MS, type_one)
    loop.exec()
    heartbeat.stop()
    typing_stall = max(gaps["typing"]) - HEARTBEAT_MS
    pausing_stall = max(gaps["pausing"]) - HEARTBEAT_MS
    limit = TARGETS_MS["big_text_longest_stall"]
    return {
        "keys": strokes,
        "interval_ms": TYPING_INTERVAL_MS,
        "keystroke_handler": summary(handler_ms),
        "analyses_painted": watch.analysis,
        "diffs_painted": watch.diff,
        "longest_stall_typing_ms": round(typing_stall, 2),
        "longest_stall_pausing_ms": round(pausing_stall, 2),
        "event_loop_gaps_typing": summary(gaps["typing"]),
        "event_loop_gaps_pausing": summary(gaps["pausing"]),
        "target_longest_stall_ms": limit,
        "met": {"typing": typing_stall < limit, "pausing": pausing_stall < limit},
    }
