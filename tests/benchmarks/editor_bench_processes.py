"""The editor benchmark's scenarios that run the app in child processes: cold start and the queue.

A fresh process is the only honest way to time a start (imports included) and to read resident
memory that belongs to the app alone. Both use ``editor_cold_start_child.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from editor_bench_support import elapsed_ms, summary
from synthetic import write_tasks_jsonl

from workstation.core.demo import create_demo_data_dir
from workstation.core.store import Store

CHILD = Path(__file__).resolve().parent / "editor_cold_start_child.py"
TARGETS = {
    "cold_start_median_ms": 1000.0,
    "next_task_p95_ms": 50.0,
    "keystroke_p95_ms": 16.0,
    "queue_rss_mb": 300.0,
}


def bench_cold_start(work: Path, runs: int) -> dict[str, Any]:
    started = time.perf_counter()
    template = create_demo_data_dir(work / "demo-template")
    result: dict[str, Any] = {"demo_dir_create_ms": round(elapsed_ms(started), 1)}
    walls: list[float] = []
    children: list[dict[str, Any]] = []
    for run in range(runs):
        data_dir = work / f"demo-{run}"
        subprocess.run(["cp", "-a", str(template), str(data_dir)], check=True)
        spawned_wall = time.time()
        spawned = time.perf_counter()
        command = [sys.executable, str(CHILD), "cold", str(data_dir), str(work / f"cold-{run}.ini")]
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
        walls.append(ready_ms)
        children.append(report)
    keys = (
        "interpreter_start_ms",
        "import_pyside6_ms",
        "import_workstation_ms",
        "application_ms",
        "window_construction_ms",
        "show_ms",
        "first_task_ms",
        "until_event_loop_ms",
        "child_total_ms",
        "first_paint_of_rewrite_ms",
    )
    result["spawn_to_ready"] = summary(walls)
    result["samples_ms"] = [round(w, 1) for w in walls]
    result["child_breakdown_median_ms"] = {
        key: round(statistics.median(c[key] for c in children if c.get(key) is not None), 2) for key in keys
    }
    result["rss_at_ready_mb"] = statistics.median(c["memory_at_ready"]["rss_mb"] for c in children)
    result["heavy_modules_loaded"] = children[0]["heavy_modules_loaded"]
    result["target_median_ms"] = TARGETS["cold_start_median_ms"]
    result["met"] = result["spawn_to_ready"]["p50_ms"] < TARGETS["cold_start_median_ms"]
    return result


def bench_queue(work: Path, count: int) -> dict[str, Any]:
    started = time.perf_counter()
    source = write_tasks_jsonl(work / "queue-tasks.jsonl", count)
    data_dir = work / "queue"
    with Store(data_dir) as store:
        imported = store.import_file(source.path, project="Bench")
    prepare_ms = elapsed_ms(started)
    child = subprocess.run(
        [sys.executable, str(CHILD), "queue", str(data_dir), str(work / "queue.ini")],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(next(line[5:] for line in child.stdout.splitlines() if line.startswith("DONE ")))
    report.pop("started_wall", None)
    shown = report["memory_first_task_shown"]
    return {
        "tasks": count,
        "imported": imported.added,
        "import_errors": imported.error_count,
        "file_mb": round(source.size_bytes / 1e6, 1),
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
        "target_rss_mb": TARGETS["queue_rss_mb"],
        "met": report["memory_at_end"]["peak_rss_mb"] < TARGETS["queue_rss_mb"],
    }
