"""Benchmark of the review window; prints JSON.

- ``next_item``: moving to the next item of a queue of 2,000-word pairs (about 30% rewritten),
  measured on the GUI thread from the key's action until both panes show the item with its word
  diff painted (lint follows from the worker). Target: p95 under 50 ms.
- ``open_inbox``: a fresh process opens the window on an inbox of 200,000 items until its first
  item is shown and the queue can be used (``open_s``: the first page of the queue is read at
  once, the rest in the background), then until the whole inbox is read and triaged
  (``loaded_s``: every row, the outlier filter and the Batch tab); peak resident memory (VmHWM)
  of that process after the whole load. Targets: ``open_s`` under 1.5 s, peak under 400 MB.

Run: ``QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_review_window.py``
(``--items N`` for a smaller inbox, ``--moves N``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.benchmarks.editor_bench_data import text_pair
from tests.benchmarks.editor_bench_support import REPO_ROOT, machine, summary
from tests.gui.reviewer.inbox_data import Work, add_bundle
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.app import REVIEW_MODE, ensure_application, open_mode_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.reviewer.window import ReviewWindow

TARGETS = {"next_item_p95_ms": 50.0, "open_inbox_s": 1.5, "open_inbox_peak_mb": 400.0}
ITEMS_PER_BUNDLE = 2_000
WRITERS = ("Ada Writer", "Bea Writer", "Cy Writer", "Dee Writer", "Eli Writer")
MODELS = ("model-a", "model-b", "model-c", None)

_OPEN_CHILD = """
import json, os, sys, time
started = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from workstation.gui.app import REVIEW_MODE, ensure_application, open_mode_window
from workstation.gui.common.settings import AppSettings
app = ensure_application()
imported = time.perf_counter()
data_dir, settings_file = Path(sys.argv[1]), sys.argv[2]
settings = AppSettings(QSettings(settings_file, QSettings.Format.IniFormat))
window = open_mode_window(data_dir, REVIEW_MODE, settings=settings)
window.resize(1280, 720)
window.show()
window.open_first_task()
QApplication.processEvents()
shown = time.perf_counter()
first_rows = window.queue_model.rowCount()
while window.queue.loading:  # the rest of the inbox and its triage, read in the background
    QApplication.processEvents()
    time.sleep(0.005)
loaded = time.perf_counter()
rows = window.queue_model.rowCount()
with open("/proc/self/status", encoding="ascii") as status:
    peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
window.close()
window.context.close()
figures = {"rows_at_open": first_rows, "rows": rows, "open_s": round(shown - imported, 3)}
figures |= {"loaded_s": round(loaded - imported, 3), "with_qt_import_s": round(shown - started, 3)}
print(json.dumps({**figures, "peak_mb": round(peak, 1)}))
"""


def _settings(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def build_large_inbox(data_dir: Path, count: int) -> float:
    """``count`` short items in bundles of 2,000 from five writers; seconds it took."""
    started = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    with Store(data_dir) as store:
        for bundle_number in range(0, count, ITEMS_PER_BUNDLE):
            writer = WRITERS[(bundle_number // ITEMS_PER_BUNDLE) % len(WRITERS)]
            works = [
                Work(
                    f"t-{bundle_number + n:06d}",
                    f"It is important to note that answer {bundle_number + n} is good.",
                    f"Answer {bundle_number + n} is good.",
                    model=MODELS[n % len(MODELS)],
                    active_seconds=20 + n % 90,
                )
                for n in range(min(ITEMS_PER_BUNDLE, count - bundle_number))
            ]
            add_bundle(
                store, writer, works, seq=bundle_number // ITEMS_PER_BUNDLE + 1, id_prefix=f"{bundle_number}-"
            )
    return time.perf_counter() - started


def bench_open_inbox(work: Path, count: int) -> dict[str, Any]:
    data_dir = work / "large-inbox"
    build_s = build_large_inbox(data_dir, count)
    runs = []
    for _ in range(3):  # the first run also warms the page cache; the best of three is reported
        child = subprocess.run(
            [sys.executable, "-c", _OPEN_CHILD, str(data_dir), str(work / "open-settings.ini")],
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            check=True,
        )
        runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda run: run["open_s"])
    return {"items": count, "build_s": round(build_s, 1), "runs": runs, "best": best}


def bench_next_item(work: Path, words: int, moves: int) -> dict[str, Any]:
    data_dir = work / "long-items"
    data_dir.mkdir()
    ident.init_identity(data_dir, "Rita Reviewer", None, unencrypted=True)
    pairs = [text_pair(words, seed) for seed in range(moves + 1)]
    with Store(data_dir) as store:
        add_bundle(store, "Ada Writer", [Work(f"t-{n}", p.original, p.rewrite) for n, p in enumerate(pairs)])
    app = ensure_application()
    window = open_mode_window(data_dir, REVIEW_MODE, settings=_settings(work))
    assert isinstance(window, ReviewWindow)
    window.resize(1280, 720)
    window.show()
    window.open_first_task()
    window.context.analysis_runner.wait_for_idle(30_000)
    app.processEvents()
    samples: list[float] = []
    painted = 0
    action = window.actions_by_name["next_item"]
    for _ in range(moves):
        started = time.perf_counter()
        action.trigger()
        samples.append((time.perf_counter() - started) * 1000)
        painted += window.diff_view.comparison is not None
        window.context.analysis_runner.wait_for_idle(30_000)  # lint of this item lands before the next key
        QApplication.processEvents()
    window.close()
    window.context.close()
    return {"words": words, "moves": moves, "diff_painted_on_arrival": painted, **summary(samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--words", type=int, default=2_000)
    parser.add_argument("--moves", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-review-") as folder:
        work = Path(folder)
        next_item = bench_next_item(work, args.words, args.moves)
        open_inbox = bench_open_inbox(work, args.items)
    best = open_inbox["best"]
    verdicts = {
        "next_item_p95_ok": next_item["p95_ms"] < TARGETS["next_item_p95_ms"],
        "open_inbox_time_ok": best["open_s"] < TARGETS["open_inbox_s"],
        "open_inbox_memory_ok": best["peak_mb"] < TARGETS["open_inbox_peak_mb"],
    }
    report = {
        "machine": machine(),
        "targets": TARGETS,
        "next_item": next_item,
        "open_inbox": open_inbox,
        "verdicts": verdicts,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
