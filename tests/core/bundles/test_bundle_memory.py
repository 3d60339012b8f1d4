"""The verifier's peak memory: hostile bundles are refused cheaply, honest ones cost about their size.

Each bundle is opened in a child process that reports how far its peak resident memory rose
during ``open_bundle`` (Linux ``VmHWM``, reset first). The heavy run (``-m heavy``) measures every case, with
tracemalloc too, and prints the figures as one JSON line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.core.bundles import bundle_memory
from workstation.core.signing import SecretKey

pytestmark = pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")

KEY = SecretKey(key_id=bytes(range(8)), seed=bytes(range(100, 132)))


def _measured(tmp_path: Path, build: Callable[[SecretKey], bytes], **options: Any) -> dict[str, Any]:
    path = tmp_path / "bundle.zip"
    path.write_bytes(build(KEY))
    return bundle_memory.measure(path, **options)


def test_a_one_gigabyte_member_is_refused_before_anything_is_inflated(tmp_path: Path) -> None:
    figures = _measured(tmp_path, bundle_memory.declared_gigabyte)
    assert figures["outcome"] == "refused: member_too_large"
    assert figures["peak_rss_added_mb"] < 16, figures


def test_a_member_that_inflates_past_its_declared_size_stops_there(tmp_path: Path) -> None:
    figures = _measured(tmp_path, bundle_memory.lying_bomb)
    assert figures["outcome"] == "refused: member_too_large"
    assert figures["peak_rss_added_mb"] < 16, figures


def test_a_bomb_within_the_limits_costs_at_most_one_record(tmp_path: Path) -> None:
    """250 MB that is one line: held only up to the 64 MiB a record may take, then hashed on."""
    figures = _measured(tmp_path, bundle_memory.bomb_within_limits)
    assert figures["outcome"] == "refused: record_invalid"
    assert figures["peak_rss_added_mb"] < 100, figures


def test_an_honest_bundle_costs_about_its_records(tmp_path: Path) -> None:
    figures = _measured(tmp_path, lambda key: bundle_memory.valid_records_bundle(key, 1_000))
    assert figures["outcome"] == "opened 1000 records"
    assert figures["peak_rss_added_mb"] < 3 * 5, figures  # about 4.9 MB of records JSON


CASES: dict[str, Callable[[SecretKey], bytes]] = {
    "declared_gigabyte": bundle_memory.declared_gigabyte,
    "lying_bomb": bundle_memory.lying_bomb,
    "bomb_within_limits": bundle_memory.bomb_within_limits,
    "largest_allowed": bundle_memory.largest_allowed,
    "valid_10000": lambda key: bundle_memory.valid_records_bundle(key, 10_000),
}


@pytest.mark.heavy
@pytest.mark.timeout(1800)
def test_peak_memory_figures(tmp_path: Path) -> None:
    figures: dict[str, Any] = {}
    for name, build in CASES.items():
        rss = _measured(tmp_path, build)
        traced = bundle_memory.measure(tmp_path / "bundle.zip", use_tracemalloc=True)
        figures[name] = {**rss, "tracemalloc_peak_mb": traced["tracemalloc_peak_mb"]}
    print(json.dumps({"bundle_verify_peak_memory": figures}))
    assert figures["valid_10000"]["outcome"] == "opened 10000 records"
    assert figures["largest_allowed"]["peak_rss_added_mb"] < 2 * 256 + 64, figures
