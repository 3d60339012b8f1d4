"""Benchmark of the store through the real command line: import, export and search at 100,000 tasks.

Run: ``.venv/bin/python tests/benchmarks/bench_store.py [--n N | --quick] [--repeat R] [--keep]``.
Prints JSON: the machine (CPU, cores, Python, SQLite, load average), then each figure.

Targets (issue 2, "Speed", on a 2-core machine):
- ``workstation import`` of 100,000 tasks (~150 MB JSONL, see synthetic.py): < 10 s wall, < 250 MB
  peak RSS, and at least half the rate of a bare ``executemany`` of the same rows into SQLite;
- ``workstation export`` of 100,000 submitted rewrites to each format: < 5 s each;
- ``tasks --search`` over 100,000 tasks: the store query ``store.tasks.queue(search=...)`` < 50 ms,
  p50/p95 over common, topical and rare words, two-word searches and half-typed prefixes, both
  returning every match and returning a first page of ``FIRST_PAGE``; the CLI end to end for reference.

Commands run in a child process: wall time includes interpreter start-up (reported on its own),
CPU is user + system, peak RSS is the command's own VmHWM. The bare baseline inserts the very rows
the import stored (read back from its database) into a fresh file with the same ``tasks`` table
and indexes, WAL, ``synchronous=FULL``, one transaction including the commit: no reading, no
validation, no full-text index. A second baseline adds the full-text index the store must keep.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
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

from synthetic import search_words, write_tasks_jsonl  # noqa: E402

from workstation.core.store import DB_FILE_NAME, Store  # noqa: E402
from workstation.core.store.importer import BATCH_SIZE  # noqa: E402
from workstation.core.store.projects import ensure_project  # noqa: E402
from workstation.core.store.schema import INDEX_NEW_TASKS  # noqa: E402
from workstation.core.store.tasks import fts_query  # noqa: E402

FULL_N = 100_000
QUICK_N = 10_000
EXPORT_FORMATS = ("trl-preference", "sft-messages", "openai-dpo", "jsonl")
TARGETS = {
    "import_seconds": 10.0,
    "import_peak_rss_mb": 250.0,
    "import_rate_vs_bare": 0.5,
    "export_seconds": 5.0,
    "search_ms": 50.0,
}
SEARCH_REPEATS = 5
FIRST_PAGE = 200
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


def search_terms(data_dir: Path) -> dict[str, tuple[str, ...]]:
    """The benchmark's searches, with made-up names read from a few stored prompts."""
    names = _names_in_tasks(data_dir) or ["Nobody"]
    return search_words((names * 3)[:3])


def _names_in_tasks(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / DB_FILE_NAME) as conn:
        count = conn.execute("SELECT max(seq) FROM tasks").fetchone()[0]
        texts = [
            prompt or messages
            for prompt, messages in conn.execute(
                "SELECT prompt, messages FROM tasks WHERE seq IN (?, ?, ?)", (1, count // 2, count)
            )
        ]
    return [found.group(1) for text in texts if (found := re.search(r" for ([A-Z][a-z]+)\.", text))]


@dataclass(frozen=True)
class ChildRun:
    """One command-line run: wall and CPU (user + system) seconds, the child's own peak RSS in MB."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_cli(data_dir: Path, *args: str) -> ChildRun:
    """Run ``workstation --data-dir DATA_DIR ARGS`` in a child process and measure it."""
    command = [sys.executable, "-c", _CLI, "--data-dir", str(data_dir), *args]
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        out_path, err_path = Path(scratch) / "out", Path(scratch) / "err"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            started = time.perf_counter()
            env = {**os.environ, "BENCH_PEAK_FILE": str(peak_file)}
            child = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO, env=env)
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


def bench_import(data_dir: Path, source: Path, n: int, repeat: int) -> dict[str, Any]:
    """Import the file through the CLI into a new data dir (``repeat`` times), then again (adds nothing)."""
    runs: list[ChildRun] = []
    for attempt in range(repeat):
        target = data_dir if attempt == 0 else data_dir.with_name(f"{data_dir.name}-repeat")
        runs.append(run_cli(target, "import", str(source)))
        expected = f"{n} added, 0 already present"
        if expected not in runs[-1].stdout:
            raise RuntimeError(f"import said {runs[-1].stdout!r}, expected {expected!r}")
        if attempt:
            shutil.rmtree(target)
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
    }


def _store_bytes(data_dir: Path) -> int:
    return sum(path.stat().st_size for path in data_dir.glob(DB_FILE_NAME + "*"))


_TASK_ROW_COLUMNS = (
    "id, project, prompt, messages, original, original_sha256, model, metadata, source, imported_at"
)


def bench_bare(data_dir: Path, folder: Path) -> dict[str, Any]:
    """``executemany`` of the rows the import stored into an empty copy of the tasks table.

    A second baseline adds the one thing the bare insert leaves out and the store must do: the
    same rows into a fresh store (full schema, foreign keys on) in the importer's batches, each
    followed by its full-text indexing statement. No reading, no validation: the floor of an
    import with a search index.
    """
    with sqlite3.connect(data_dir / DB_FILE_NAME) as source:
        rows = source.execute(f"SELECT {_TASK_ROW_COLUMNS} FROM tasks ORDER BY seq").fetchall()
        ddl = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'tasks' AND type IN ('table', 'index') "
                "AND sql IS NOT NULL ORDER BY type DESC"
            )
        ]
    insert = f"INSERT INTO tasks ({_TASK_ROW_COLUMNS}) VALUES ({', '.join('?' * len(rows[0]))})"
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
    with Store(folder / "bare-indexed") as store:
        started = time.perf_counter()
        with store.database.write() as conn:
            ensure_project(conn, str(rows[0][1]))
            for start in range(0, len(rows), BATCH_SIZE):
                conn.executemany(insert, rows[start : start + BATCH_SIZE])
                conn.execute(INDEX_NEW_TASKS, (start,))
        indexed_seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "tasks_per_second": round(len(rows) / seconds),
        "store_mb": round(size / 1e6, 1),
        "with_search_index": {
            "seconds": round(indexed_seconds, 2),
            "tasks_per_second": round(len(rows) / indexed_seconds),
            "store_mb": round(_store_bytes(folder / "bare-indexed") / 1e6, 1),
        },
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


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _time_queries(
    store: Store, words: Sequence[str], limit: int | None
) -> tuple[list[float], dict[str, int]]:
    timings: list[float] = []
    matches: dict[str, int] = {}
    for text in words:
        matches[text] = len(store.tasks.queue(search=text, limit=limit))  # warms the page cache
        for _ in range(SEARCH_REPEATS):
            started = time.perf_counter()
            store.tasks.queue(search=text, limit=limit)
            timings.append((time.perf_counter() - started) * 1000)
    return timings, matches


def _spread(timings: Sequence[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
    }


def bench_search(data_dir: Path) -> dict[str, Any]:
    """Time ``store.tasks.queue(search=...)`` in-process (every match, and a first page), then the CLI."""
    terms = search_terms(data_dir)
    by_kind: dict[str, Any] = {}
    every: list[float] = []
    first_pages: list[float] = []
    store = Store(data_dir, readonly=True)
    try:
        for kind, words in terms.items():
            timings, matches = _time_queries(store, words, None)
            page_timings, _ = _time_queries(store, words, FIRST_PAGE)
            every += timings
            first_pages += page_timings
            by_kind[kind] = {
                **_spread(timings),
                "matches": matches,
                f"first_{FIRST_PAGE}": _spread(page_timings),
            }
    finally:
        store.close()
    start_up = run_cli(data_dir, "--version").seconds
    cli: dict[str, float] = {"--version (start-up only)": round(start_up * 1000)}
    for text in (terms["topic_word"][0], terms["two_words"][0], terms["rare_word"][-1], terms["prefix"][0]):
        cli[f"tasks --search {text!r} --json"] = round(
            run_cli(data_dir, "tasks", "--search", text, "--json").seconds * 1000
        )
    return {
        "queue_all_matches": _spread(every),
        f"queue_first_{FIRST_PAGE}": _spread(first_pages),
        "fts_queries": {text: fts_query(text) for text in (terms["two_words"][0], terms["prefix"][0])},
        "by_kind": by_kind,
        "cli_wall_ms": cli,
    }


def verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    """Which targets were met (only meaningful for a full 100,000-task run)."""
    imported = figures["import"]
    return {
        "import_under_10_s": imported["seconds"] < TARGETS["import_seconds"],
        "import_under_250_mb": imported["peak_rss_mb"] < TARGETS["import_peak_rss_mb"],
        "import_at_least_half_bare_rate": figures["import_rate_vs_bare"] >= TARGETS["import_rate_vs_bare"],
        "every_export_under_5_s": all(
            item["seconds"] < TARGETS["export_seconds"] for item in figures["export"].values()
        ),
        "search_p95_under_50_ms": figures["search"]["queue_all_matches"]["p95_ms"] < TARGETS["search_ms"],
        "search_first_page_p95_under_50_ms": (
            figures["search"][f"queue_first_{FIRST_PAGE}"]["p95_ms"] < TARGETS["search_ms"]
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
            "import": bench_import(data_dir, source, n, args.repeat),
        }
        figures["bare_executemany"] = bench_bare(data_dir, folder)
        imported, bare = figures["import"], figures["bare_executemany"]
        figures["import_rate_vs_bare"] = round(imported["tasks_per_second"] / bare["tasks_per_second"], 2)
        figures["import_rate_vs_bare_without_cli_start_up"] = round(
            bare["seconds"] / (imported["seconds"] - imported["cli_start_up_seconds"]), 2
        )
        figures["import_rate_vs_bare_with_search_index"] = round(
            imported["tasks_per_second"] / bare["with_search_index"]["tasks_per_second"], 2
        )
        figures["rewrites"] = add_submitted_rewrites(data_dir)
        figures["export"] = bench_exports(data_dir, folder, n, args.repeat)
        figures["search"] = bench_search(data_dir)
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
