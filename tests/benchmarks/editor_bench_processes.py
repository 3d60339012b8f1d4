"""The editor benchmark's scenarios that run the app in child processes: cold start and the queue.

A fresh process is the only honest way to time a start (imports included) and to read resident
memory that belongs to the app alone. Both use ``editor_cold_start_child.py``. The big store
(100,000 tasks, ``big_store.py``) is built once and kept under /tmp; each run opens a copy.
Cold starts on the demo and on the big store take turns, so both see the same load.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from big_store import cached_store, working_copy
from editor_bench_support import elapsed_ms, summary
from editor_floors import floor_cold_start, vs_floor

from workstation.core.demo import create_demo_data_dir
from workstation.core.store import Store

CHILD = Path(__file__).resolve().parent / "editor_cold_start_child.py"
TARGETS = {
    "cold_start_median_ms": 1000.0,
    "big_store_over_demo_ms": 200.0,
    "next_task_p95_ms": 50.0,
    "keystroke_p95_ms": 16.0,
    "queue_rss_mb": 300.0,
}


_CHILD_KEYS = (
    "interpreter_start_ms",
    "import_pyside6_ms",
    "import_workstation_ms",
    "application_ms",
    "window_construction_ms",
    "show_ms",
    "first_task_started_ms",
    "first_task_ms",
    "until_event_loop_ms",
    "child_total_ms",
    "first_paint_of_rewrite_ms",
)


def _cold_run(mode: str, data_dir: Path, ini: Path) -> tuple[float, dict[str, Any]]:
    """One child from spawn to READY (ms) and its own report."""
    spawned_wall = time.time()
    spawned = time.perf_counter()
    command = [sys.executable, str(CHILD), mode, str(data_dir), str(ini)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    ready_ms: float | None = None
    report: dict[str, Any] = {}
    for line in child.stdout:
        if line.startswith("READY") and ready_ms is None:
            ready_ms = elapsed_ms(spawned)
        elif line.startswith("DONE "):
            report = json.loads(line[5:])
    if child.wait() != 0 or ready_ms is None:
        raise RuntimeError(f"cold start child failed (exit {child.returncode})")
    report["interpreter_start_ms"] = round((report.pop("started_wall") - spawned_wall) * 1000.0, 2)
    return ready_ms, report


def _cold_figures(walls: list[float], children: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "spawn_to_ready": summary(walls),
        "samples_ms": [round(w, 1) for w in walls],
        "child_breakdown_median_ms": {
            key: round(statistics.median(c[key] for c in children if c.get(key) is not None), 2)
            for key in _CHILD_KEYS
            if any(c.get(key) is not None for c in children)
        },
        "rss_at_ready_mb": statistics.median(c["memory_at_ready"]["rss_mb"] for c in children),
        "heavy_modules_loaded": children[0]["heavy_modules_loaded"],
    }


def bench_cold_start(work: Path, runs: int, big_tasks: int) -> dict[str, Any]:
    """Cold starts on the demo and on a store of ``big_tasks`` tasks, taking turns."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    template = create_demo_data_dir(work / "demo-template")
    result: dict[str, Any] = {"demo_dir_create_ms": round(elapsed_ms(started), 1)}
    started = time.perf_counter()
    big = working_copy(cached_store(big_tasks), work / "big")
    result["big_store_ready_s"] = round(elapsed_ms(started) / 1000.0, 1)
    walls: dict[str, list[float]] = {"demo": [], "big": []}
    children: dict[str, list[dict[str, Any]]] = {"demo": [], "big": []}
    floors: list[float] = []
    for run in range(runs):
        data_dir = work / f"demo-{run}"
        subprocess.run(["cp", "-a", str(template), str(data_dir)], check=True)
        floors.append(floor_cold_start(data_dir))  # a bare Qt window on the same text, same round
        for name, mode, folder in (("demo", "cold", data_dir), ("big", "cold-project", big)):
            wall, report = _cold_run(mode, folder, work / f"cold-{name}-{run}.ini")
            walls[name].append(wall)
            children[name].append(report)
    demo = _cold_figures(walls["demo"], children["demo"])
    big_figures = _cold_figures(walls["big"], children["big"])
    demo_median, big_median = demo["spawn_to_ready"]["p50_ms"], big_figures["spawn_to_ready"]["p50_ms"]
    floor = summary(floors)
    result.update(
        {
            "demo": demo,
            f"big_store_{big_tasks}_tasks": big_figures,
            "floor_bare_qt_window": floor,
            "demo_median_vs_floor": vs_floor(demo_median, floor["p50_ms"]),
            "big_median_vs_floor": vs_floor(big_median, floor["p50_ms"]),
            "big_minus_demo_median_ms": round(big_median - demo_median, 1),
            "target_median_ms": TARGETS["cold_start_median_ms"],
            "target_big_minus_demo_ms": TARGETS["big_store_over_demo_ms"],
            "load_average_1min": [load_before, os.getloadavg()[0]],
            "met": {
                "demo_median": demo_median < TARGETS["cold_start_median_ms"],
                "big_median": big_median < TARGETS["cold_start_median_ms"],
                "big_minus_demo": big_median - demo_median <= TARGETS["big_store_over_demo_ms"],
            },
        }
    )
    return result


def bench_queue(work: Path, count: int) -> dict[str, Any]:
    """The queue of a store of ``count`` tasks in a child: memory, reloads, scrolling, and the GUI
    thread's share of searching, filtering and reloading (``editor_queue_ops.py``)."""
    started = time.perf_counter()
    data_dir = working_copy(cached_store(count), work / "queue")
    prepare_ms = elapsed_ms(started)
    with Store(data_dir, readonly=True) as store:
        tasks = store.tasks.count()
    child = subprocess.run(
        [sys.executable, str(CHILD), "queue", str(data_dir), str(work / "queue.ini")],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(next(line[5:] for line in child.stdout.splitlines() if line.startswith("DONE ")))
    report.pop("started_wall", None)
    shown = report["memory_first_task_shown"]
    gui_thread = report["gui_thread"]
    return {
        "tasks": tasks,
        "prepare_s": round(prepare_ms / 1000.0, 1),
        "db_mb": round(sum(p.stat().st_size for p in data_dir.glob("workstation.sqlite3*")) / 1e6, 1),
        "queue_rows": report["queue_rows"],
        "rss_after_imports_mb": report["memory_after_imports"]["rss_mb"],
        "rss_first_task_shown_mb": shown["rss_mb"],
        "peak_rss_first_task_shown_mb": shown["peak_rss_mb"],
        "rss_after_scrolling_mb": report["memory_after_scrolling"]["rss_mb"],
        "peak_rss_end_mb": report["memory_at_end"]["peak_rss_mb"],
        "reload_queue_ms": report["reload_queue_ms"],
        "scroll_to_bottom_ms": report["scroll_to_bottom_ms"],
        "scroll_to_top_ms": report["scroll_to_top_ms"],
        "window_construction_ms": report["window_construction_ms"],
        "first_task_ms": report["first_task_ms"],
        "gui_thread": gui_thread,
        "load_average_1min_at_end": os.getloadavg()[0],
        "target_rss_mb": TARGETS["queue_rss_mb"],
        "met": {
            "memory": report["memory_at_end"]["peak_rss_mb"] < TARGETS["queue_rss_mb"],
            "no_block_over_16_ms": all(op["met"] for op in gui_thread.values() if isinstance(op, dict)),
        },
    }
