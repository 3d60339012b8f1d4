"""Benchmark of the batch at a glance: summary, triage and painting the charts for 10,000 items.

Run: ``.venv/bin/python tests/benchmarks/bench_review_batch.py [--n N] [--repeat R]`` (offscreen).
Prints JSON: each step's p50 and best milliseconds over the runs, and ``under_target`` for the
total against the issue's target (batch charts for 10,000 items: under 500 ms).

The items are built directly as :class:`AuditItem` (the inbox's in-memory form, no store): five
models, forty writers, bundles of 100 items, edit rates skewed low the way rewriting effort is
(a few near zero, a long tail past 100%), active time around two minutes per 100 words with a
few implausibly fast, and two reviewers judging a third of the items, mostly agreeing. The
chart step is everything the review window does with a new summary: :meth:`set_summary` (every
chart's data, the scoreboard table, the histogram picker) and one paint of the whole view.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workstation.core.models import Verdict, VerdictKind
from workstation.core.review.batch import batch_summary
from workstation.core.review.items import AuditFigures, AuditItem
from workstation.core.review.triage import triage

TARGET_MS = 500.0
MODELS = ("gpt-4o", "claude-3.5", "llama-3-70b", "mistral-large", "gemini-1.5")
WRITERS = 40
BUNDLE_SIZE = 100
REVIEWERS = ("rita", "sam")


def _hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def synthetic_batch(n: int, seed: int = 10) -> tuple[list[AuditItem], list[Verdict]]:
    """``n`` items and the verdicts of two reviewers on about a third of them (same for a seed)."""
    rng = random.Random(seed)
    items = []
    for index in range(n):
        writer = f"writer-{index % WRITERS:02d}"
        words = rng.randint(80, 900)
        rate = rng.betavariate(1.6, 4.0) * 1.3 if rng.random() > 0.05 else rng.choice([0.0, 0.01])
        rewrite_words = max(1, int(words * rng.uniform(0.8, 1.15)))
        findings_before = rng.randint(0, 14)
        findings_after = max(0, int(findings_before * (1 - min(rate * 2.5, 1.0))))
        per_100 = rng.lognormvariate(4.8, 0.5) if rng.random() > 0.03 else rng.uniform(2, 15)
        items.append(
            AuditItem(
                seq=index + 1,
                item_id=f"rw-{index:06d}",
                bundle_id="sha256:" + _hex(f"{writer}/{index // BUNDLE_SIZE}"),
                writer_name=writer,
                writer_fingerprint=_hex(writer),
                task_id=f"task-{index:06d}",
                project="bench",
                model=MODELS[rng.randrange(len(MODELS))],
                status="submitted",
                figures=AuditFigures(
                    words_original=words,
                    words_rewrite=rewrite_words,
                    edit_rate=rate,
                    density_before=findings_before * 1000 / words,
                    density_after=findings_after * 1000 / rewrite_words,
                    findings_before=findings_before,
                    findings_after=findings_after,
                ),
                active_seconds=per_100 * rewrite_words / 100,
                flagged=False,
                revision_of=None,
            )
        )
    verdicts = []
    kinds = list(VerdictKind)
    for item in items[::3]:
        first = rng.choices(kinds, weights=(6, 3, 1))[0]
        for reviewer in REVIEWERS:
            kind = first if rng.random() < 0.8 else rng.choice(kinds)
            verdicts.append(
                Verdict(
                    verdict_id=f"vd-{item.item_id}-{reviewer}",
                    bundle_id=item.bundle_id,
                    rewrite_id=item.item_id,
                    task_id=item.task_id,
                    rewrite_sha256=_hex(item.item_id),
                    verdict=kind,
                    reason=None if kind is VerdictKind.ACCEPT else "needs another pass",
                    reviewer_name=reviewer,
                    reviewer_fingerprint=_hex(reviewer),
                    created_at="2025-03-01T10:00:00.000Z",
                )
            )
    return items, verdicts


def _figures(times: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(times), 1), "best_ms": round(min(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from workstation.gui.common.theme import ThemeChoice, apply_theme
    from workstation.gui.reviewer.charts import BatchChartsView

    app = QApplication([])
    apply_theme(app, ThemeChoice.LIGHT)
    items, verdicts = synthetic_batch(args.n)
    view = BatchChartsView()
    view.resize(1200, 1200)
    view.show()
    app.processEvents()
    steps: dict[str, list[float]] = {"summary": [], "triage": [], "charts": [], "total": []}
    listed = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        summary = batch_summary(items, verdicts, by="model")
        summarised = time.perf_counter()
        listed = len(triage(items))
        triaged = time.perf_counter()
        view.set_summary(summary)
        view.grab()  # paints every chart once, as showing the view does
        painted = time.perf_counter()
        steps["summary"].append((summarised - started) * 1000)
        steps["triage"].append((triaged - summarised) * 1000)
        steps["charts"].append((painted - triaged) * 1000)
        steps["total"].append((painted - started) * 1000)
    total = _figures(steps["total"])
    report = {
        "items": args.n,
        "verdicts": len(verdicts),
        "triage_listed": listed,
        "repeat": args.repeat,
        **{step: _figures(times) for step, times in steps.items()},
        "target_ms": TARGET_MS,
        "under_target": total["p50_ms"] < TARGET_MS,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
