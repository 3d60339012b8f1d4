"""Benchmark of the command line's read commands, process start to exit, on a 100,000-task store.

Run: ``.venv/bin/python tests/benchmarks/bench_cli_startup.py [--runs N] [--n N | --quick]
[--store DIR] [--baseline SRC]``. Prints one JSON line per command, then a summary line with the
machine, the floor and whether every targeted command met the target.

Target (issue 15, "Speed", on a 2-core machine): every read command under 150 ms median wall
clock on a 100,000-task store (it was about 600 ms: the query is 0.1 ms, start-up was the rest).

Method: the store is built once with the real command line (the synthetic tasks of
``synthetic.py``, plus a writer key and one sealed bundle of three rewrites, so the outbox and
the bundle list have a row to show). Each command runs as the console script runs it, in a new
interpreter (``-c "from workstation.cli import main ..."``); the wall clock is taken from before
the process is started to after it is reaped, CPU is the child's user + system time. Rounds are
interleaved (every command once per round, in a rotated order) so a busy machine slows all of
them alike, and each figure is the median of ``--runs`` rounds. The floor is ``python -c pass``
with the same interpreter and environment, measured in the same rounds; ``vs_floor`` is a
command's median over the floor's. ``--baseline SRC`` also times another source tree (for
instance ``git archive <commit> workstation resources | tar -x -C SRC``) in the same rounds, for
a before/after in one run. Output is checked, so a command that failed is never timed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import machine, run_cli  # noqa: E402
from synthetic import write_tasks_jsonl  # noqa: E402

FULL_N = 100_000
QUICK_N = 10_000
DEFAULT_RUNS = 15
TARGET_MEDIAN_S = 0.150
PASSPHRASE = "bench passphrase"
SEALED_REWRITES = 3
_CONSOLE_SCRIPT = "import sys\nfrom workstation.cli import main\nsys.exit(main())\n"
_FLOOR = "floor: python -c pass"


class ReadCommand(NamedTuple):
    """A read command line and a check that its output is what a working command prints.

    ``targeted``: the issue's read commands, held to the target; the others are for reference.
    """

    words: tuple[str, ...]
    check: Callable[[str], bool]
    targeted: bool = True


def _json_rows(count: int | None) -> Callable[[str], bool]:
    def check(out: str) -> bool:
        rows = json.loads(out)
        return isinstance(rows, list) and (count is None or len(rows) == count)

    return check


def _mentions(text: str) -> Callable[[str], bool]:
    return lambda out: text in out


READ_COMMANDS: dict[str, ReadCommand] = {
    "--version": ReadCommand(("--version",), _mentions("workstation ")),
    "--help": ReadCommand(("--help",), _mentions("review")),
    "tasks --limit 30 --json": ReadCommand(
        ("tasks", "--limit", "30", "--json"), lambda out: len(json.loads(out)["tasks"]) == 30
    ),
    "tasks --limit 30": ReadCommand(("tasks", "--limit", "30"), lambda out: len(out.splitlines()) == 30),
    "stats --json": ReadCommand(("stats", "--json"), lambda out: json.loads(out)["tasks"] > 0),
    "stats": ReadCommand(("stats",), _mentions(f"sealed     {SEALED_REWRITES}")),
    "outbox": ReadCommand(("outbox",), _mentions("pending")),
    "outbox --json": ReadCommand(("outbox", "--json"), _json_rows(1)),
    "bundle list": ReadCommand(("bundle", "list"), _mentions("sha256:")),
    "bundle list --json": ReadCommand(("bundle", "list", "--json"), _json_rows(1)),
    # For reference: the inbox's list builds pydantic models (its items and verdicts), and the
    # keyring's list the signing keys (cryptography).
    "review list --json": ReadCommand(("review", "list", "--json"), _json_rows(0), targeted=False),
    "review writers --json": ReadCommand(("review", "writers", "--json"), _json_rows(0), targeted=False),
}


class Sample(NamedTuple):
    seconds: float
    cpu_seconds: float


def build_store(folder: Path, n: int) -> Path:
    """A data dir of ``n`` synthetic tasks, a writer key and one sealed bundle, made by the CLI."""
    source = folder / "tasks.jsonl"
    write_tasks_jsonl(source, n)
    data_dir = folder / "data"
    run_cli(data_dir, "import", str(source))
    source.unlink()  # about 150 MB that nothing reads again
    os.environ["WORKSTATION_PASSPHRASE"] = PASSPHRASE
    run_cli(data_dir, "keys", "init", "--name", "Bench Writer", "--kdf", "interactive")
    text = folder / "rewrite.txt"
    text.write_text("A plain answer, written by a person.\n", encoding="utf-8")
    task_ids = [
        row["id"] for row in json.loads(run_cli(data_dir, "tasks", "--limit", "3", "--json").stdout)["tasks"]
    ]
    for task_id in task_ids[:SEALED_REWRITES]:
        run_cli(data_dir, "rewrite", task_id, "--text-file", str(text), "--submit")
    run_cli(data_dir, "bundle", "seal")
    return data_dir


def time_once(argv: Sequence[str], source_tree: Path, check: Callable[[str], bool] | None) -> Sample:
    """Run ``argv`` with ``source_tree`` on the path; wall seconds from start to exit, and CPU."""
    env = {**os.environ, "PYTHONPATH": str(source_tree)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, cwd=source_tree, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        printed, complaint = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    returncode = os.waitstatus_to_exitcode(status)
    shown = f"{' '.join(argv[3:])} in {source_tree}"
    if returncode != 0:
        raise RuntimeError(f"{shown} failed ({returncode}): {complaint[-2000:]}")
    if check is not None and not check(printed):
        raise RuntimeError(
            f"{shown} printed what it should not (a --store this benchmark built?): {printed[:500]}"
        )
    return Sample(seconds, usage.ru_utime + usage.ru_stime)


def bench(data_dir: Path, trees: dict[str, Path], runs: int) -> dict[str, dict[str, list[Sample]]]:
    """Samples by tree and command (the floor under every tree), in interleaved, rotated rounds."""
    jobs: list[tuple[str, str, list[str], Callable[[str], bool] | None]] = []
    for tree in trees:
        jobs.append((tree, _FLOOR, [sys.executable, "-c", "pass"], None))
        for name, command in READ_COMMANDS.items():
            argv = [sys.executable, "-c", _CONSOLE_SCRIPT, "--data-dir", str(data_dir), *command.words]
            jobs.append((tree, name, argv, command.check))
    samples: dict[str, dict[str, list[Sample]]] = {tree: {} for tree in trees}
    for round_number in range(runs):
        shift = round_number % len(jobs)
        for tree, name, argv, check in jobs[shift:] + jobs[:shift]:
            samples[tree].setdefault(name, []).append(time_once(argv, trees[tree], check))
    return samples


def figures(samples: list[Sample], floor_s: float) -> dict[str, Any]:
    seconds = [sample.seconds for sample in samples]
    median_s = statistics.median(seconds)
    return {
        "median_seconds": round(median_s, 4),
        "fastest_seconds": round(min(seconds), 4),
        "slowest_seconds": round(max(seconds), 4),
        "median_cpu_seconds": round(statistics.median(sample.cpu_seconds for sample in samples), 4),
        "vs_floor": round(median_s / floor_s, 2),
    }


def report(
    samples: dict[str, dict[str, list[Sample]]], host: dict[str, Any], runs: int, tasks: int
) -> dict[str, Any]:
    """Print one JSON line per tree and command; returns the summary."""
    summary: dict[str, Any] = {
        "machine": host,
        "tasks": tasks,
        "runs": runs,
        "target_seconds": TARGET_MEDIAN_S,
    }
    for tree, by_command in samples.items():
        floor_s = statistics.median(sample.seconds for sample in by_command[_FLOOR])
        worst = 0.0
        for name, taken in by_command.items():
            line = {"tree": tree, "command": name, **figures(taken, floor_s)}
            if name != _FLOOR:
                line["met"] = line["median_seconds"] < TARGET_MEDIAN_S
                if READ_COMMANDS[name].targeted:
                    worst = max(worst, line["median_seconds"])
                else:
                    line["for_reference"] = True
            print(json.dumps(line), flush=True)
        summary[tree] = {
            "floor_seconds": round(floor_s, 4),
            "slowest_targeted_median_seconds": round(worst, 4),
            "slowest_vs_floor": round(worst / floor_s, 2),
        }
        summary[tree]["met"] = worst < TARGET_MEDIAN_S
    summary["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"rounds (default {DEFAULT_RUNS})")
    parser.add_argument("--n", type=int, default=FULL_N, help="tasks in the store (default 100,000)")
    parser.add_argument("--quick", action="store_true", help=f"a fast sanity run with {QUICK_N:,} tasks")
    parser.add_argument("--store", type=Path, help="a data dir built by an earlier run (--keep) to reuse")
    parser.add_argument("--baseline", type=Path, help="another source tree to time in the same rounds")
    parser.add_argument("--keep", action="store_true", help="keep the store and print where it is")
    parser.add_argument("--workdir", type=Path, help="make the temp folder here (default: system temp)")
    args = parser.parse_args()
    n = QUICK_N if args.quick else args.n
    folder = Path(tempfile.mkdtemp(prefix="bench-cli-", dir=args.workdir))
    host = machine()  # before the store is built: its load average is the one the rounds start under
    try:
        started = time.perf_counter()
        data_dir = args.store or build_store(folder, n)
        built_s = time.perf_counter() - started
        trees = {"this": REPO}
        if args.baseline is not None:
            trees["baseline"] = args.baseline.resolve()
        tasks = json.loads(run_cli(data_dir, "stats", "--json").stdout)["tasks"]
        summary = report(bench(data_dir, trees, args.runs), host, args.runs, tasks)
        summary["store"] = str(data_dir) if args.keep or args.store else None
        summary["store_build_seconds"] = None if args.store else round(built_s, 1)
        print(json.dumps(summary), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
