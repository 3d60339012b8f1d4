"""Fuzz targets as data, and the two ways they run: a pytest-sized hypothesis test, and a counted run.

A :class:`FuzzTarget` pairs a hypothesis strategy with a function that feeds one example to the
code under test and raises only when something is wrong: an exception the code under test must
never let out, or a result that breaks a stated property. Targets live next to the tests of the
package they exercise (``formats_fuzz_targets``, ``bundle_fuzz_targets``, ``rule_fuzz_targets``);
the normal run uses a few hundred derandomised examples per target, the heavy run (``-m heavy``,
``test_fuzz_heavy``) at least 10,000 random ones.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NORMAL_EXAMPLES = 200
HEAVY_EXAMPLES = 10_000

_SCRATCH = tempfile.TemporaryDirectory(prefix="workstation-fuzz-")  # removed at interpreter exit


def scratch_path(name: str) -> Path:
    """A reusable file path in this process's scratch folder (targets overwrite it each example)."""
    path = Path(_SCRATCH.name) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class FuzzTarget:
    """One thing to fuzz: ``run`` is fed values drawn from ``strategy``."""

    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], None]


def hypothesis_check(target: FuzzTarget, examples: int, *, derandomize: bool) -> Callable[[], None]:
    """A zero-argument function that runs ``target`` on ``examples`` hypothesis examples."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(value=target.strategy)
    def check(value: Any) -> None:
        target.run(value)

    return check


def counted_run(target: FuzzTarget, examples: int) -> dict[str, Any]:
    """Run ``target`` on ``examples`` random examples; figures for the heavy run's JSON line.

    Hypothesis stops at the first failure (after shrinking it), so ``failures`` is 0 or 1 and
    ``failure`` holds the shrunk example's traceback tail.
    """
    calls = 0

    def counting(value: Any) -> None:
        nonlocal calls
        calls += 1
        target.run(value)

    started = time.perf_counter()
    failure = ""
    try:
        hypothesis_check(FuzzTarget(target.name, target.strategy, counting), examples, derandomize=False)()
    except Exception:  # any failure is a finding to report, not a reason to stop the run
        failure = traceback.format_exc(limit=-3)[-1500:]
    return {
        "cases": calls,
        "failures": 1 if failure else 0,
        "seconds": round(time.perf_counter() - started, 1),
        **({"failure": failure} if failure else {}),
    }
