"""Timing a call the way the benchmarks report it: milliseconds, fastest, median and 95th percentile.

The benchmark scripts import it as a sibling (``python tests/benchmarks/NAME.py`` puts this
folder on the import path).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed_ms(function: Callable[[], object], repeats: int, *, warmups: int = 0) -> dict[str, float]:
    """Run ``function`` ``warmups`` times unmeasured, then ``repeats`` times; min, p50 and p95 in ms."""
    for _ in range(warmups):
        function()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "min_ms": round(samples[0], 3),
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 3),
    }
