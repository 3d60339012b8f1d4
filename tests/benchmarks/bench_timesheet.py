"""Benchmark: the timesheet of a year of work (5,000 sittings) from the store, under 200 ms.

Run: ``PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_timesheet.py [--n N] [--repeat R]``.
Prints JSON: each figure's median and worst over the repeats, in milliseconds. "read" is the
store query alone; "build" turns the sittings into days/tasks (Europe/Berlin, some split at
midnight); "timesheet" is both, which is what the CLI and the Timesheet view wait for; "csv",
"json" and "html" render the result. The target (issue 12) applies to "timesheet".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.timesheet_data import add_tasks, record, year_of_sittings
from workstation.core.effort.session_days import day_start
from workstation.core.reports.signed_record import RecordAuthor
from workstation.core.reports.timesheet import build_timesheet, timesheet_from_store
from workstation.core.reports.timesheet_formats import to_csv, to_html, to_json
from workstation.core.store import Store

TARGET_MS = 200.0
FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)
ZONE = ZoneInfo("Europe/Berlin")


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Wall and CPU milliseconds: on a loaded machine the CPU figure is the one that is ours."""
    wall, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return {
        "median_ms": round(statistics.median(wall), 1),
        "max_ms": round(max(wall), 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        with Store(Path(temp) / "data") as store:
            record(store, year_of_sittings(add_tasks(store, Path(temp), count=200), args.n, FIRST))
        with Store(Path(temp) / "data", readonly=True) as store:
            start, end = day_start(FIRST, ZONE), day_start(date(2026, 1, 1), ZONE)
            sessions = store.work_sessions.timed_between(start, end)
            sheet = build_timesheet(sessions, FIRST, LAST, tz=ZONE)
            author = RecordAuthor("Bench Writer", "ab" * 32)
            made = datetime(2026, 1, 1, tzinfo=UTC)
            figures = {
                "sittings": len(sessions),
                "entries": len(sheet.entries),
                "read": timed(lambda: store.work_sessions.timed_between(start, end), args.repeat),
                "build": timed(lambda: build_timesheet(sessions, FIRST, LAST, tz=ZONE), args.repeat),
                "timesheet": timed(
                    lambda: timesheet_from_store(store.work_sessions, FIRST, LAST, tz=ZONE), args.repeat
                ),
                "csv": timed(lambda: to_csv(sheet), args.repeat),
                "json": timed(lambda: to_json(sheet, author, made), args.repeat),
                "html": timed(lambda: to_html(sheet, author, made), args.repeat),
            }
    figures["target_ms"] = TARGET_MS
    figures["load_average"] = os.getloadavg()[0]
    figures["ok"] = figures["timesheet"]["median_ms"] < TARGET_MS
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
