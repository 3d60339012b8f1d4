"""Cold start of the frozen app to an interactive window, beside the source checkout's start.

Usage: ``python tests/benchmarks/bench_frozen_start.py [--runs 7] [--app build/freeze/dist/workstation]``
(build it first with ``python3 packaging/build.py``). Prints one JSON object.

Each run spawns the app on its own copy of a prepared demo data folder (offscreen platform, a fresh
home folder), and the wall time from spawn to the log line the app writes from the event loop
once the window is shown and its first task is open (``... the window is ready``) is the figure,
polled every 5 ms. The same is measured for ``python -m workstation.cli`` from this checkout, so
the two numbers come from the same machine under the same load. Target: median < 1000 ms.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from workstation.core.demo import create_demo_data_dir  # noqa: E402
from workstation.core.files.log_file import log_path  # noqa: E402

READY_LINE = "the window is ready"
POLL_S = 0.005
TIMEOUT_S = 60.0
TARGET_MEDIAN_MS = 1000.0


def time_to_window(command: list[str], data_dir: Path, home: Path) -> float:
    """Milliseconds from spawn to the READY_LINE in ``data_dir``'s log; the app is then closed."""
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if command[0] == sys.executable:
        env["PYTHONPATH"] = str(ROOT)
    log = log_path(data_dir)
    started = time.perf_counter()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    child = subprocess.Popen([*command, "--data-dir", str(data_dir)], env=env, **quiet)
    try:
        while time.perf_counter() - started < TIMEOUT_S:
            if log.exists() and READY_LINE in log.read_text(encoding="utf-8", errors="replace"):
                return (time.perf_counter() - started) * 1000.0
            if child.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {child.returncode} before its window was ready")
            time.sleep(POLL_S)
        raise RuntimeError(f"{command[0]}: no window after {TIMEOUT_S:.0f} s")
    finally:
        child.terminate()
        child.wait(timeout=30)


def summarise(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "runs_ms": [round(s, 1) for s in samples],
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(p95, 1),
        "fastest_ms": round(ordered[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--app", type=Path, default=ROOT / "build" / "freeze" / "dist" / "workstation")
    args = parser.parse_args()
    frozen = args.app / "workstation" if args.app.is_dir() else args.app
    if not frozen.exists():
        raise SystemExit(f"no frozen app at {frozen}: run python3 packaging/build.py first")
    commands = {"frozen": [str(frozen)], "source": [sys.executable, "-m", "workstation.cli"]}
    with tempfile.TemporaryDirectory(prefix="bench-frozen-") as temp:
        work = Path(temp)
        prepared = create_demo_data_dir(work / "prepared")
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(args.runs):
            for name, command in commands.items():  # alternated, so both see the same load
                data_dir = work / f"{name}-{run}"
                shutil.copytree(prepared, data_dir)
                samples[name].append(time_to_window(command, data_dir, work / f"home-{name}-{run}"))
    result = {name: summarise(values) for name, values in samples.items()}
    result["target_median_ms"] = TARGET_MEDIAN_MS
    result["met"] = result["frozen"]["p50_ms"] < TARGET_MEDIAN_MS
    result["load_average"] = os.getloadavg()[0]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
