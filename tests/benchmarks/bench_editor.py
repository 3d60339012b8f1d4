"""Benchmark the rewrite editor window (issue 3, "Speed"): prints JSON with the machine and figures.

Run: ``.venv/bin/python tests/benchmarks/bench_editor.py`` (a few minutes; ``--quick`` for a
sanity run with small sizes, ``--only NAME`` for one scenario). All times are milliseconds.

- ``cold_start``: a fresh Python process, N times, imports the app, opens the window on a
  prepared demo data dir, shows it, opens the first task after the window's first paint (as the
  app does) and prints READY from the next turn of the event loop; in turns with the same on a
  100,000-task store (``big_store.py``, built once and kept under /tmp). Wall time spawn → READY
  in the parent, plus the child's own breakdown. Targets: median < 1000 ms on both, the big
  store no more than 200 ms slower than the demo.
- ``next_task``: 2,000-word originals with stored rewrites about 30% different; time
  ``window.editor.open_task(next_id)`` until the diff is painted and the window repainted (if the pair is
  over ``sizes.OFF_THREAD_DIFF_CHARS``, until ``comparison_painted`` fires), and how long the GUI
  thread was busy in that time. Target: p95 < 50 ms (until painted).
- ``keystroke``: 5,000-word texts; one character typed into the rewrite as a key press sent to
  the pane (its ``keyPressEvent``, with the effort recording, and the ``rewrite_edited`` handler
  run inside), then ``refresher.refresh_now()`` +
  ``processEvents()`` (diff, highlighting, repaint on the GUI thread). When the pair is analysed
  off the GUI thread, the GUI-thread figure adds the event-loop turn that receives and paints
  the result, and the latency until painted is reported too. Target: p95 < 16 ms (GUI thread).
- ``keystroke_during_import``: the ``keystroke`` figures while File ▸ Import adds 10,000 tasks
  on the store thread (one import after another, so each measured key has one running).
  Target: the same p95 < 16 ms (GUI thread).
- ``keystroke_off_thread``: 50,000-word texts, diffed off the GUI thread: the GUI-thread cost
  of a keystroke, of submitting the diff and of painting its result, the diff latency, and a
  timed typing session with a heartbeat timer that finds the longest stall of the event loop.
- ``queue``: 100,000 synthetic tasks (~1.5 KB each); in a child process, resident memory once
  the first task is shown, ``reload_queue()`` time, scrolling the list to the bottom, and the
  GUI thread's time for a search of a common word, clearing it, a status filter and the reload
  after a seal (``editor_queue_ops.py``). Targets: < 300 MB resident; no block of the GUI
  thread over 16 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from editor_bench_data import TextPair, prepare_data_dir, text_pair  # noqa: E402
from editor_bench_processes import TARGETS, bench_cold_start, bench_queue  # noqa: E402
from editor_bench_support import (  # noqa: E402
    BenchWindow,
    elapsed_ms,
    machine,
    place_cursor,
    source_tree,
    summary,
)
from PySide6.QtCore import QEvent, QEventLoop, Qt, QThreadPool, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from workstation.core.analysis.comparison import compare  # noqa: E402
from workstation.gui.app import ensure_application  # noqa: E402
from workstation.gui.common import sizes  # noqa: E402
from workstation.gui.dialogs.transfer_dialogs import ImportOptions  # noqa: E402
from workstation.gui.writer.window import WriterWindow  # noqa: E402

FULL = {
    "cold_runs": 7,
    "next_tasks": 50,
    "next_moves": 40,
    "next_words": 2000,
    "key_words": 5000,
    "keystrokes": 100,
    "big_words": 50_000,
    "big_keystrokes": 100,
    "queue_tasks": 100_000,
    "import_tasks": 10_000,
}
QUICK = {
    "cold_runs": 3,
    "next_tasks": 8,
    "next_moves": 6,
    "next_words": 2000,
    "key_words": 5000,
    "keystrokes": 20,
    "big_words": 15_000,
    "big_keystrokes": 20,
    "queue_tasks": 5_000,
    "import_tasks": 2_000,
}
TYPING_INTERVAL_MS = 110  # a fast typist, about 110 words a minute
HEARTBEAT_MS = 2


# ----------------------------------------------------------------------------- scenarios
def bench_next_task(work: Path, words: int, tasks: int, moves: int) -> dict[str, Any]:
    pairs = [text_pair(words, seed=100 + n) for n in range(tasks)]
    ids = prepare_data_dir(work / "next-task", pairs)
    bench = BenchWindow(work / "next-task")
    window = bench.window
    before = bench.painted
    window.editor.open_task(ids[0])
    bench.wait_painted(before + 1)
    bench.settle()
    call_ms: list[float] = []
    gui_ms: list[float] = []
    painted_ms: list[float] = []
    off_thread = 0
    for step in range(1, moves + 1):
        task_id = ids[step % len(ids)]
        before = bench.painted
        started = time.perf_counter()
        window.editor.open_task(task_id)
        call_ms.append(elapsed_ms(started))
        delivered_ms = 0.0
        if bench.painted == before:  # over OFF_THREAD_DIFF_CHARS: painted when the worker is done
            off_thread += 1
            delivered_ms = bench.wait_painted(before + 1)
        repaint = time.perf_counter()
        bench.app.processEvents()
        painted_ms.append(elapsed_ms(started))
        gui_ms.append(call_ms[-1] + delivered_ms + elapsed_ms(repaint))
        current = window.session.task
        assert current is not None and current.id == task_id
        bench.settle(2)
    metrics = window.diff_view.comparison.metrics if window.diff_view.comparison else None
    bench.close()
    return {
        "words": words,
        "tasks": tasks,
        "moves": moves,
        "chars_per_text": len(pairs[0].original),
        "word_edit_rate": round(metrics.word_edit_rate, 3) if metrics else None,
        "moves_diffed_off_thread": off_thread,
        "open_task_call": summary(call_ms),
        "gui_thread_busy": summary(gui_ms),
        "open_task_until_repainted": summary(painted_ms),
        "target_p95_ms": TARGETS["next_task_p95_ms"],
        "met": summary(painted_ms)["p95_ms"] < TARGETS["next_task_p95_ms"],
    }


def _open_single(work: Path, name: str, pair: TextPair) -> tuple[BenchWindow, float]:
    """A window on a data dir holding one task; also the ms from ``open_first_task`` to painted."""
    prepare_data_dir(work / name, [pair])
    bench = BenchWindow(work / name)
    before = bench.painted
    started = time.perf_counter()
    bench.window.open_first_task()
    bench.wait_painted(before + 1)
    opened_ms = elapsed_ms(started)
    bench.settle()
    return bench, opened_ms


def _time_rewrite_edited(window: WriterWindow) -> float:
    """Milliseconds of the ``rewrite_edited`` slot alone (session.update + refresher.schedule()).

    Emitting the signal again after a real keystroke runs exactly what the keystroke ran once more,
    without Qt's own document edit and block re-highlight around it.
    """
    started = time.perf_counter()
    window.diff_view.rewrite_edited.emit()
    return elapsed_ms(started)


def _press_key(window: WriterWindow, character: str) -> None:
    """Deliver ``character`` to the rewrite pane as a key press, the way typing reaches it."""
    key = Qt.Key.Key_Space if character == " " else Qt.Key(Qt.Key.Key_A.value + ord(character) - ord("a"))
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, character)
    QApplication.sendEvent(window.diff_view.rewrite_pane, event)


def _typed_character(step: int) -> str:
    return " " if step % 6 == 5 else "abcdefghij"[step % 10]


def _measure_stroke(bench: BenchWindow, step: int, position: int) -> tuple[float, float, float, float, bool]:
    """Type one character at ``position`` and refresh: (key, handler, gui, latency, off_thread) ms."""
    window = bench.window
    place_cursor(bench, position)
    started = time.perf_counter()
    _press_key(window, _typed_character(step))  # rewrite_edited -> session.update + schedule()
    key = elapsed_ms(started)
    handler = _time_rewrite_edited(window)  # untimed by the two figures around it
    before = bench.painted
    refreshing = time.perf_counter()
    window.editor.refresher.refresh_now()
    bench.app.processEvents()
    gui = elapsed_ms(refreshing)
    off_thread = bench.painted == before
    if off_thread:  # analysed off the GUI thread: add the GUI time of painting it
        gui += bench.wait_painted(before + 1)
    return key, handler, gui, elapsed_ms(refreshing), off_thread


def _type_strokes(
    bench: BenchWindow, strokes: int, keep_going: Callable[[], bool] = lambda: True
) -> dict[str, Any]:
    """Type up to ``strokes`` keys (clicking elsewhere every fifth) while ``keep_going()``.

    Every other key press is typed with the effort recording detached from the pane, so the
    recording's cost is the difference of two figures measured side by side on the same text.
    """
    rng = random.Random(11)
    figures: dict[str, list[float]] = {"key": [], "handler": [], "gui": [], "latency": [], "total": []}
    by_recording: dict[bool, list[float]] = {True: [], False: []}
    pane = bench.window.diff_view.rewrite_pane
    recorder = pane.effort
    off_thread = 0
    position = 0
    for step in range(strokes):
        if not keep_going():
            break
        if step % 5 == 0:  # the writer clicks somewhere else now and then, then types a few keys
            position = rng.randrange(pane.document().characterCount() - 1)
        recording = step % 2 == 0
        pane.effort = recorder if recording else None
        key, handler, gui, latency, away = _measure_stroke(bench, step, position)
        by_recording[recording].append(key)
        for name, value in (("key", key), ("handler", handler), ("gui", gui), ("latency", latency)):
            figures[name].append(value)
        figures["total"].append(key + gui)
        off_thread += away
        position += 1
    pane.effort = recorder
    return {
        "keystroke_key_press": summary(figures["key"]),
        "keystroke_key_press_recording_effort": summary(by_recording[True]),
        "keystroke_key_press_not_recording": summary(by_recording[False]),
        "rewrite_edited_handler": summary(figures["handler"]),
        "refreshes_off_thread": off_thread,
        "refresh_now_and_repaint_gui_thread": summary(figures["gui"]),
        "refresh_now_until_painted": summary(figures["latency"]),
        "keystroke_plus_refresh_gui_thread": summary(figures["total"]),
        "target_p95_ms": TARGETS["keystroke_p95_ms"],
        "met": summary(figures["gui"])["p95_ms"] < TARGETS["keystroke_p95_ms"],
    }


def bench_keystroke(work: Path, words: int, strokes: int) -> dict[str, Any]:
    pair = text_pair(words, seed=7)
    bench, _opened_ms = _open_single(work, "keystroke", pair)
    typed = _type_strokes(bench, strokes)
    comparison = bench.window.diff_view.comparison
    bench.close()
    return {
        "words": words,
        "chars_original": len(pair.original),
        "chars_rewrite": len(pair.rewrite),
        "word_edit_rate": round(comparison.metrics.word_edit_rate, 3) if comparison else None,
        "changes_painted": len(comparison.diff.changes()) if comparison else None,
        **typed,
    }


def _task_file(path: Path, count: int, prefix: str) -> Path:
    """``count`` native JSONL tasks of about 120 words each, ids starting with ``prefix``."""
    maker_pair = text_pair(120, seed=3)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            record = {
                "id": f"{prefix}-{n}",
                "prompt": f"Prompt {n}",
                "response": f"{n}. {maker_pair.original}",
            }
            out.write(json.dumps(record) + "\n")
    return path


def bench_keystroke_during_import(work: Path, words: int, strokes: int, import_tasks: int) -> dict[str, Any]:
    """The keystroke figures while File ▸ Import adds ``import_tasks`` tasks on the store thread
    (a new file each time one finishes, so every measured keystroke has an import running)."""
    pair = text_pair(words, seed=7)
    bench, _opened_ms = _open_single(work, "keystroke-import", pair)
    window = bench.window
    files = [_task_file(work / f"import-{n}.jsonl", import_tasks, f"imp{n}") for n in range(3)]
    started: list[float] = []
    finished: list[float] = []

    def start_next(_outcome: object = None) -> None:
        if _outcome is not None:
            finished.append(time.perf_counter())
        if len(started) < len(files):
            started.append(time.perf_counter())
            window.transfers.start_import(ImportOptions((files[len(started) - 1],), "Imported", None))

    window.transfers.import_finished.connect(start_next)
    start_next()
    bench.app.processEvents()
    typed = _type_strokes(bench, strokes, keep_going=lambda: window.transfers.busy)
    while window.transfers.busy:
        bench.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    import_s = [round(end - begin, 2) for begin, end in zip(started, finished, strict=False)]
    bench.close()
    return {"words": words, "import_tasks_each": import_tasks, "imports_s": import_s, **typed}


def _typing_session(bench: BenchWindow, strokes: int, rng: random.Random) -> dict[str, Any]:
    """Type ``strokes`` keys every TYPING_INTERVAL_MS with the real debounce and off-thread diffs."""
    window = bench.window
    pane = window.diff_view.rewrite_pane
    cursor = place_cursor(bench, rng.randrange(pane.document().characterCount() - 1))
    painted_before = bench.painted
    handler_ms: list[float] = []
    lateness_ms: list[float] = []
    gaps_ms: list[float] = []
    last_beat = [time.perf_counter()]
    loop = QEventLoop()

    def beat() -> None:
        now = time.perf_counter()
        gaps_ms.append((now - last_beat[0]) * 1000.0)
        last_beat[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)
    due = [time.perf_counter() + TYPING_INTERVAL_MS / 1000.0]

    def type_one() -> None:
        started = time.perf_counter()
        lateness_ms.append(max(0.0, (started - due[0]) * 1000.0))
        cursor.insertText(_typed_character(len(handler_ms)))
        handler_ms.append(elapsed_ms(started))
        if len(handler_ms) >= strokes:
            QTimer.singleShot(2 * sizes.DIFF_DEBOUNCE_MS, loop.quit)
            return
        due[0] = time.perf_counter() + TYPING_INTERVAL_MS / 1000.0
        QTimer.singleShot(TYPING_INTERVAL_MS, type_one)

    heartbeat.start()
    QTimer.singleShot(TYPING_INTERVAL_MS, type_one)
    loop.exec()
    heartbeat.stop()
    in_flight = window.editor.refresher.in_flight
    drained = time.perf_counter()
    window.runner.wait_for_idle(600_000)
    drain_ms = elapsed_ms(drained)
    bench.settle()
    return {
        "keys": strokes,
        "interval_ms": TYPING_INTERVAL_MS,
        "keystroke_handler": summary(handler_ms),
        "diff_jobs_in_flight_when_typing_stopped": in_flight,
        "ms_until_worker_pool_idle_after_typing": round(drain_ms, 1),
        "key_timer_lateness": summary(lateness_ms),
        "longest_event_loop_stall_ms": round(max(gaps_ms) - HEARTBEAT_MS, 2),
        "event_loop_gaps": summary(gaps_ms),
        "comparisons_painted_while_typing": bench.painted - painted_before,
    }


def fresh_result(window: WriterWindow) -> tuple[Any, object]:
    """The refresher's "result ready" signal and a result for the current texts, as a worker makes it.

    Follows the window as it grows: an ``Analysis`` (diff + lint) when the window has an
    analyser, else a bare ``Comparison``.
    """
    original = window.diff_view.original_pane.text()
    rewrite = window.diff_view.rewrite_pane.text()
    analyser = getattr(window, "analyser", None)
    if analyser is not None and hasattr(window.editor.refresher, "analysis_ready"):
        return window.editor.refresher.analysis_ready, analyser.analyse(original, rewrite)
    return getattr(window.editor.refresher, "comparison_ready"), compare(original, rewrite)  # noqa: B009 - older API


def bench_keystroke_off_thread(work: Path, words: int, strokes: int) -> dict[str, Any]:
    pair = text_pair(words, seed=9)
    bench, open_ms = _open_single(work, "keystroke-big", pair)
    window = bench.window
    pane = window.diff_view.rewrite_pane
    rng = random.Random(13)
    insert_ms: list[float] = []
    handler_ms: list[float] = []
    submit_ms: list[float] = []
    latency_ms: list[float] = []
    paint_ms: list[float] = []
    for step in range(strokes):
        cursor = place_cursor(bench, rng.randrange(pane.document().characterCount() - 1))
        begun = time.perf_counter()
        cursor.insertText(_typed_character(step))
        insert_ms.append(elapsed_ms(begun))
        handler_ms.append(_time_rewrite_edited(window))
        if step % 10 == 9:  # now and then let the diff finish, to time its GUI-thread parts
            before = bench.painted
            begun = time.perf_counter()
            window.editor.refresher.refresh_now()
            submit_ms.append(elapsed_ms(begun))
            bench.wait_painted(before + 1)
            latency_ms.append(elapsed_ms(begun))
            ready_signal, result = fresh_result(window)
            begun = time.perf_counter()
            ready_signal.emit(result)  # what the worker's result triggers on the GUI thread
            bench.app.processEvents()
            paint_ms.append(elapsed_ms(begun))
    window.context.wait_for_background()
    bench.settle()
    session = _typing_session(bench, max(10, strokes // 2), rng)
    bench.close()
    total_chars = len(pair.original) + len(pair.rewrite)
    return {
        "words": words,
        "chars_both_panes": total_chars,
        "off_thread": total_chars > sizes.OFF_THREAD_DIFF_CHARS,
        "open_task_until_painted_ms": round(open_ms, 1),
        "keystroke_insert_text": summary(insert_ms),
        "rewrite_edited_handler": summary(handler_ms),
        "refresh_now_submit": summary(submit_ms),
        "refresh_to_painted_latency": summary(latency_ms),
        "paint_result_on_gui_thread": summary(paint_ms),
        "typing_session": session,
    }


SCENARIOS: dict[str, Callable[[Path, dict[str, int]], dict[str, Any]]] = {
    "cold_start": lambda work, size: bench_cold_start(work, size["cold_runs"], size["queue_tasks"]),
    "next_task": lambda work, size: bench_next_task(
        work, size["next_words"], size["next_tasks"], size["next_moves"]
    ),
    "keystroke": lambda work, size: bench_keystroke(work, size["key_words"], size["keystrokes"]),
    "keystroke_during_import": lambda work, size: bench_keystroke_during_import(
        work, size["key_words"], size["keystrokes"], size["import_tasks"]
    ),
    "keystroke_off_thread": lambda work, size: bench_keystroke_off_thread(
        work, size["big_words"], size["big_keystrokes"]
    ),
    "queue": lambda work, size: bench_queue(work, size["queue_tasks"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a sanity run")
    parser.add_argument("--only", choices=sorted(SCENARIOS), action="append", help="run only this scenario")
    parser.add_argument("--keystrokes", type=int, help="keys typed in the keystroke scenarios")
    args = parser.parse_args()
    size = dict(QUICK if args.quick else FULL)
    if args.keystrokes:
        size["keystrokes"] = args.keystrokes
    ensure_application()
    results: dict[str, Any] = {
        "machine": machine(),
        "source": source_tree(),
        "quick": args.quick,
        "sizes": size,
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as temp:
        for name, run in SCENARIOS.items():
            if args.only and name not in args.only:
                continue
            work = Path(temp) / name
            work.mkdir()
            results[name] = run(work, size)
            print(f"{name}: done in {elapsed_ms(started) / 1000.0:.1f} s", file=sys.stderr, flush=True)
    results["total_s"] = round(elapsed_ms(started) / 1000.0, 1)
    results["load_average_1min_at_end"] = os.getloadavg()[0]
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
