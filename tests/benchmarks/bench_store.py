"""Benchmark of the store through the real command line: import, export and search at 100,000 tasks.

Run: ``.venv/bin/python tests/benchmarks/bench_store.py [--n N | --quick] [--repeat R] [--keep]``.
Prints JSON: the machine (CPU, cores, Python, SQLite, load average), then each figure.

Targets (issues 2 and 15, "Speed", on a 2-core machine):
- ``workstation import`` of 100,000 tasks (~150 MB JSONL, see synthetic.py): < 10 s wall, < 250 MB
  peak RSS, and never slower than before schema 5 (7.96-8.9 s);
- the import within 1.2x the floor of its schema, measured in the same run (store_floor.py): a
  bare ``executemany`` of the same rows into the same ``tasks`` table plus one pass of the search
  index. Every import figure is given in seconds and as a ratio to that floor;
- ``workstation export`` of 100,000 submitted rewrites to each format: < 5 s each;
- search (store_search.py): the first page with the total that match, ``store.tasks.page``, for a
  common word (in half or in 3-15 % of the tasks) < 20 ms p95, against the index's own floor for
  the same answer; the CLI end to end for reference.

Commands run in a child process: wall time includes interpreter start-up (reported on its own),
CPU is user + system, peak RSS is the command's own VmHWM. The bare baseline inserts the very rows
the import stored (read back from its database) into a fresh file with the same ``tasks`` table
and indexes, WAL, ``synchronous=FULL``, one transaction including the commit: no reading, no
validation, no full-text index.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_floor import TASK_ROW_COLUMNS, bench_import_vs_floor  # noqa: E402
from store_search import bench_search  # noqa: E402
from synthetic import write_tasks_jsonl  # noqa: E402

from workstation.cli.data_cmds import DEFAULT_PROJECT  # noqa: E402
from workstation.core.store import DB_FILE_NAME  # noqa: E402

FULL_N = 100_000
QUICK_N = 10_000
EXPORT_FORMATS = ("trl-preference", "sft-messages", "openai-dpo", "jsonl")
TARGETS = {
    "import_seconds": 10.0,
    "import_seconds_before_schema_5": 8.9,
    "import_peak_rss_mb": 250.0,
    "import_vs_floor": 1.2,
    "export_seconds": 5.0,
    "first_page_with_total_ms": 20.0,
}
SCHEMA_4 = 4
"""The last schema whose search index kept positions: its floor is measured beside today's."""
# The console script's body, plus a note of the process's own peak RSS (VmHWM) at exit: the
# ru_maxrss that wait4 reports for a child starts from the parent's high-water mark on Linux, so
# it would show this benchmark's memory rather than the command's.
_CLI = """
import atexit, os, sys
def _note_peak():
    try:
        with open("/proc/self/status") as status, open(os.environ["BENCH_PEAK_FILE"], "w") as out:
            out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
    except (OSError, StopIteration):
        pass
atexit.register(_note_peak)
from workstation.cli import main
sys.exit(main())
"""


@dataclass(frozen=True)
class ChildRun:
    """One command-line run: wall and CPU (user + system) seconds, the child's own peak RSS in MB."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_cli(data_dir: Path, *args: str, checkout: Path = REPO) -> ChildRun:
    """Run ``workstation --data-dir DATA_DIR ARGS`` in a child process and measure it.

    ``checkout`` is the source tree whose ``workstation`` runs (another checkout: the code before
    a change, measured beside it under the same load)."""
    command = [sys.executable, "-c", _CLI, "--data-dir", str(data_dir), *args]
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        out_path, err_path = Path(scratch) / "out", Path(scratch) / "err"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            started = time.perf_counter()
            env = {**os.environ, "BENCH_PEAK_FILE": str(peak_file), "PYTHONPATH": str(checkout)}
            child = subprocess.Popen(command, stdout=out, stderr=err, cwd=checkout, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - started
        returncode = os.waitstatus_to_exitcode(status)
        stdout, stderr = out_path.read_text(), err_path.read_text()
        peak_kib = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    if returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({returncode}): {stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return ChildRun(seconds, cpu, peak_kib / 1024, returncode, stdout, stderr)


def machine() -> dict[str, Any]:
    """The machine the figures come from: CPU model, cores, Python and SQLite versions."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
    }


def _timings(runs: Sequence[ChildRun]) -> dict[str, Any]:
    """The median run's figures, plus every run's wall time when there were several."""
    median = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    figures: dict[str, Any] = {
        "seconds": round(median.seconds, 2),
        "cpu_seconds": round(median.cpu_seconds, 2),
        "peak_rss_mb": round(max(run.peak_rss_mb for run in runs), 1),
    }
    if len(runs) > 1:
        figures["every_run_seconds"] = [round(run.seconds, 2) for run in runs]
    return figures


def bench_import(data_dir: Path, source: Path, n: int, repeat: int, before: Path | None) -> dict[str, Any]:
    """Import the file through the CLI into a new data dir (``repeat`` times), then again (adds nothing).

    With ``before`` (another checkout), each run alternates with that checkout's import of the
    same file into a scratch data dir, so the two are compared under the same machine load.
    """
    runs: list[ChildRun] = []
    before_runs: list[ChildRun] = []
    expected = f"{n} added, 0 already present"
    for attempt in range(repeat):
        target = data_dir if attempt == 0 else data_dir.with_name(f"{data_dir.name}-repeat")
        runs.append(run_cli(target, "import", str(source)))
        if expected not in runs[-1].stdout:
            raise RuntimeError(f"import said {runs[-1].stdout!r}, expected {expected!r}")
        if attempt:
            shutil.rmtree(target)
        if before is not None:
            scratch = data_dir.with_name(f"{data_dir.name}-before")
            before_runs.append(run_cli(scratch, "import", str(source), checkout=before))
            shutil.rmtree(scratch)
    start_up = run_cli(data_dir, "--version")
    again = run_cli(data_dir, "import", str(source))
    if f"0 added, {n} already present" not in again.stdout:
        raise RuntimeError(f"re-import said {again.stdout!r}")
    figures = _timings(runs)
    return {
        **figures,
        "tasks_per_second": round(n / figures["seconds"]),
        "file_mb_per_second": round(source.stat().st_size / 1e6 / figures["seconds"], 1),
        "cli_start_up_seconds": round(start_up.seconds, 2),
        "cli_start_up_peak_rss_mb": round(start_up.peak_rss_mb, 1),
        "reimport_seconds": round(again.seconds, 2),
        "reimport_peak_rss_mb": round(again.peak_rss_mb, 1),
        "store_mb": round(_store_bytes(data_dir) / 1e6, 1),
        **({"before": {"checkout": str(before), **_timings(before_runs)}} if before is not None else {}),
    }


def _store_bytes(data_dir: Path) -> int:
    return sum(path.stat().st_size for path in data_dir.glob(DB_FILE_NAME + "*"))


def bench_bare(data_dir: Path, folder: Path) -> dict[str, Any]:
    """``executemany`` of the rows the import stored into an empty copy of the tasks table."""
    with sqlite3.connect(data_dir / DB_FILE_NAME) as source:
        rows = source.execute(f"SELECT {TASK_ROW_COLUMNS} FROM tasks ORDER BY seq").fetchall()
        ddl = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'tasks' AND type IN ('table', 'index') "
                "AND sql IS NOT NULL ORDER BY type DESC"
            )
        ]
    insert = f"INSERT INTO tasks ({TASK_ROW_COLUMNS}) VALUES ({', '.join('?' * len(rows[0]))})"
    path = folder / "bare.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        for statement in ddl:
            conn.execute(statement)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(insert, rows)
        conn.execute("COMMIT")
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    size = sum(p.stat().st_size for p in folder.glob("bare.sqlite3*"))
    for leftover in folder.glob("bare.sqlite3*"):
        leftover.unlink()
    return {
        "seconds": round(seconds, 2),
        "tasks_per_second": round(len(rows) / seconds),
        "store_mb": round(size / 1e6, 1),
    }


def add_submitted_rewrites(data_dir: Path) -> dict[str, Any]:
    """A submitted rewrite for every task, written straight into the rewrites table with SQL."""
    conn = sqlite3.connect(data_dir / DB_FILE_NAME, isolation_level=None)
    try:
        stamp = "2024-06-01T10:05:00.000Z"
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            """
            INSERT INTO rewrites (task_id, rewrite_id, text, status, started_from, ratings, tags, notes,
                                  active_seconds, cursor, metrics, created_at, updated_at, submitted_at)
            SELECT id, 'rw-' || seq,
                   replace(replace(replace(original, 'Certainly! ', ''), ' delve', ' look'),
                           'tapestry', 'mix'),
                   'submitted', 'original', '{"clarity":4,"tone":3}', '["plain"]', '', 93.5, 0,
                   '{"words_changed":14}', ?, ?, ?
            FROM tasks ORDER BY seq
            """,
            (stamp, stamp, stamp),
        )
        conn.execute("UPDATE tasks SET status = 'submitted'")
        conn.execute("COMMIT")
        seconds = time.perf_counter() - started
        count = conn.execute("SELECT count(*) FROM rewrites WHERE status = 'submitted'").fetchone()[0]
    finally:
        conn.close()
    return {"rewrites": count, "sql_insert_seconds": round(seconds, 2)}


def bench_exports(data_dir: Path, folder: Path, n: int, repeat: int) -> dict[str, Any]:
    """``workstation export`` of every submitted rewrite to each format (``repeat`` times each)."""
    figures: dict[str, Any] = {}
    for fmt in EXPORT_FORMATS:
        out = folder / f"export-{fmt}.jsonl"
        runs = []
        for _ in range(repeat):
            runs.append(run_cli(data_dir, "export", "--format", fmt, "--out", str(out)))
            if f"{n} rewrites written" not in runs[-1].stdout:
                raise RuntimeError(f"export {fmt} said {runs[-1].stdout!r}")
        figures[fmt] = {**_timings(runs), "file_mb": round(out.stat().st_size / 1e6, 1)}
        out.unlink()
    return figures


def verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    """Which targets were met (only meaningful for a full 100,000-task run)."""
    imported, floor, search = figures["import"], figures["import_vs_floor"], figures["search"]
    return {
        "import_under_10_s": imported["seconds"] < TARGETS["import_seconds"],
        "import_no_slower_than_before_schema_5": imported["seconds"]
        <= imported.get("before", {}).get("seconds", TARGETS["import_seconds_before_schema_5"]),
        "import_under_250_mb": imported["peak_rss_mb"] < TARGETS["import_peak_rss_mb"],
        "import_within_1_2x_floor": floor["import_vs_floor"] <= TARGETS["import_vs_floor"],
        "every_export_under_5_s": all(
            item["seconds"] < TARGETS["export_seconds"] for item in figures["export"].values()
        ),
        "common_word_first_page_with_total_p95_under_20_ms": (
            search["first_page_with_total_common_p95_ms"] < TARGETS["first_page_with_total_ms"]
        ),
        "every_search_first_page_with_total_p95_under_20_ms": (
            search["first_page_with_total_every_kind_p95_ms"] < TARGETS["first_page_with_total_ms"]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=FULL_N, help="number of tasks (default 100,000)")
    parser.add_argument("--quick", action="store_true", help=f"a fast sanity run with {QUICK_N:,} tasks")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder and print where it is")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each import and export N times and report the median"
    )
    parser.add_argument("--workdir", type=Path, help="make the temp folder here (default: system temp)")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="CHECKOUT",
        help="also time this checkout's import, run by run beside ours",
    )
    args = parser.parse_args()
    n = QUICK_N if args.quick else args.n
    folder = Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.workdir))
    try:
        source = folder / "tasks.jsonl"
        started = time.perf_counter()
        written = write_tasks_jsonl(source, n)
        generate_seconds = time.perf_counter() - started
        data_dir = folder / "data"
        figures: dict[str, Any] = {
            "machine": machine(),
            "tasks": n,
            "file_mb": round(written.size_bytes / 1e6, 1),
            "generate_seconds": round(generate_seconds, 1),
            "repeat": args.repeat,
            "import": bench_import(data_dir, source, n, args.repeat, args.before),
        }
        figures["import_vs_floor"] = bench_import_vs_floor(
            source, data_dir, folder, project=DEFAULT_PROJECT, rounds=max(args.repeat, 3), schema_4=SCHEMA_4
        )
        floor_seconds = figures["import_vs_floor"]["floor_seconds"]
        imported = figures["import"]
        imported["vs_floor"] = round(imported["seconds"] / floor_seconds, 2)
        imported["without_cli_start_up_vs_floor"] = round(
            (imported["seconds"] - imported["cli_start_up_seconds"]) / floor_seconds, 2
        )
        if "before" in imported:
            imported["before"]["vs_floor"] = round(imported["before"]["seconds"] / floor_seconds, 2)
            imported["vs_before"] = round(imported["seconds"] / imported["before"]["seconds"], 2)
        figures["bare_executemany"] = bench_bare(data_dir, folder)
        figures["bare_executemany"]["vs_floor"] = round(
            figures["bare_executemany"]["seconds"] / floor_seconds, 2
        )
        figures["rewrites"] = add_submitted_rewrites(data_dir)
        figures["export"] = bench_exports(data_dir, folder, n, args.repeat)
        figures["search"] = bench_search(data_dir, run_cli)
        figures["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
        figures["targets"] = TARGETS
        figures["met"] = verdicts(figures)
        if args.keep:
            figures["kept_folder"] = str(folder)
        print(json.dumps(figures, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
