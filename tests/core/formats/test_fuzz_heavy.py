"""The heavy fuzz run: every target for at least 10,000 cases, figures printed as one JSON line.

``-m heavy`` selects it (about 20 minutes). Hypothesis runs each target of the importers, the
bundle reader, minisig and the rule loader on ``FUZZ_HEAVY_EXAMPLES`` random examples (default
10,000); when atheris is importable, each target is also fuzzed coverage-guided for
``FUZZ_ATHERIS_RUNS`` inputs (default 50,000; it runs about 20 times faster). The JSON line gives
cases, failures found and seconds per target and the wall time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import time
from pathlib import Path

import pytest

from tests.core.formats.fuzz_atheris import all_targets, run_target
from tests.core.formats.fuzz_harness import HEAVY_EXAMPLES, counted_run


@pytest.mark.heavy
@pytest.mark.timeout(4 * 3600)
def test_every_target_survives_the_heavy_run(tmp_path: Path) -> None:
    examples = int(os.environ.get("FUZZ_HEAVY_EXAMPLES", HEAVY_EXAMPLES))
    atheris_runs = int(os.environ.get("FUZZ_ATHERIS_RUNS", 5 * HEAVY_EXAMPLES))
    started = time.perf_counter()
    figures: dict[str, object] = {
        "hypothesis": {target.name: counted_run(target, examples) for target in all_targets()}
    }
    if importlib.util.find_spec("atheris") is None:
        figures["atheris"] = "not installed"
    else:
        figures["atheris"] = {
            target.name: run_target(target.name, atheris_runs, tmp_path) for target in all_targets()
        }
    figures["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps({"fuzz": figures}))
    runs = [
        run
        for engine in ("hypothesis", "atheris")
        if isinstance(figures[engine], dict)
        for run in figures[engine].values()
    ]  # type: ignore[union-attr]
    assert not [run for run in runs if run["failures"]], json.dumps(figures, indent=1)
    assert all(run["cases"] is not None and run["cases"] >= examples for run in runs), figures
