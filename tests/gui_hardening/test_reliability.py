"""The reliability harness (see ``reliability_harness.py``): the app SIGKILLed at random moments
on a real store, and a disk that fills up during autosave and during a seal.

The normal run kills three times so CI exercises the harness; ``-m heavy`` runs 100 kills, 20
in each phase, on five stores, and prints the figures as one JSON line (also written to
``$RELIABILITY_FIGURES`` when set).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from workstation.core.store import Store

from .reliability_harness import (
    LOSS_BOUND_MS,
    PHASES,
    Ledger,
    RunFigures,
    check_store,
    figures_line,
    prepare_store,
    run_disk_full,
    run_series,
)

HEAVY_RUNS_PER_PHASE = 20
HEAVY_SERIES = 5
HEAVY_SEED = 20_260_101


def _assert_clean(results) -> None:  # type: ignore[no-untyped-def]
    problems = [p for r in results for p in r.problems]
    assert problems == []
    assert all(r.integrity_ok and r.killed_in_phase for r in results)
    assert all(r.rewrites_intact == r.rewrites_checked for r in results)


def test_the_checks_catch_lost_typing_and_a_changed_submission(tmp_path: Path) -> None:
    """The harness must be able to fail: a store that lost a confirmed save, typing older than
    the autosave's longest wait, and a submitted rewrite that changed are all reported."""
    data_dir = prepare_store(tmp_path)
    with Store(data_dir) as store:
        task = store.tasks.get("demo-002")
    assert task is not None
    now = time.monotonic()
    typed = [{"ev": "key", "task": task.id, "c": c, "t": now - 10 + n * 0.01} for n, c in enumerate("abc")]
    events = [
        {"ev": "open", "task": task.id, "sitting": "ws-x", "base": task.original, "t": now - 11},
        *typed,
        {"ev": "saved", "task": task.id, "len": len(task.original) + 3, "updated_at": "x", "t": now - 9},
    ]
    figures = RunFigures("typing")
    check_store(data_dir, Ledger(submitted={"demo-001": "0" * 64}), events, now, "none-", figures)
    assert figures.integrity_ok
    assert any("confirmed save was lost" in p for p in figures.problems)
    assert any("lost 3 keys" in p for p in figures.problems) and figures.ms_lost > LOSS_BOUND_MS
    assert any("demo-001 is not intact" in p for p in figures.problems)


def test_three_kills_leave_the_store_whole(tmp_path: Path) -> None:
    results, wall_s = run_series(tmp_path, [("autosave", 11), ("submit", 12), ("seal", 13)])
    print(figures_line(results, wall_s))
    _assert_clean(results)
    assert results[-1].rewrites_checked >= 1, "the last kill re-checks what an earlier run submitted"


def test_a_full_disk_during_autosave_keeps_the_text_and_saves_it_once_there_is_room(tmp_path: Path) -> None:
    data_dir = prepare_store(tmp_path)
    events = run_disk_full(data_dir, "disk_full_autosave", 5, tmp_path)
    full, room = (e for e in events if e["ev"] == "state")
    assert full["save_line"].startswith("NOT SAVED") and "disk is full" in full["save_line"]
    assert full["dirty"]
    typed = "".join(e["c"] for e in events if e["ev"] == "key")
    opened = next(e for e in events if e["ev"] == "open")
    assert full["editor"] == typed + opened["base"], "every key typed is still in the editor"
    assert room["save_line"] == "All changes saved" and not room["dirty"]
    with Store(data_dir) as store:
        assert store.rewrites.get(opened["task"]).text == room["editor"] == full["editor"]


def test_a_full_disk_during_a_seal_seals_nothing_keeps_the_text_and_seals_once_there_is_room(
    tmp_path: Path,
) -> None:
    data_dir = prepare_store(tmp_path)
    events = run_disk_full(data_dir, "disk_full_seal", 6, tmp_path)
    states = {e["label"]: e for e in events if e["ev"] == "state"}
    at_seal = states["disk full at seal"]
    assert at_seal["save_line"].startswith("NOT SAVED") and at_seal["dirty"]
    assert at_seal["message"].startswith("Your latest changes are not saved yet, so nothing was sealed")
    assert states["disk has room"]["save_line"] == "All changes saved"
    inside = states["disk full inside seal"]
    assert "disk is full" in inside["message"] and inside["save_line"] == "All changes saved"
    assert inside["editor"] == at_seal["editor"]
    sealed = [e for e in events if e["ev"] == "sealed"]
    assert len(sealed) == 1, "nothing was sealed while the disk was full"
    submitted = [e["task"] for e in events if e["ev"] == "submitted"]
    assert sealed[0]["rewrites"] and set(submitted) <= set(_task_ids(data_dir, sealed[0]["rewrites"]))
    current = at_seal["task"]
    with Store(data_dir) as store:
        assert store.rewrites.get(current).text == at_seal["editor"]
        assert [row.bundle_id for row in store.outbox.rows()] == [sealed[0]["bundle"]]


def _task_ids(data_dir: Path, rewrite_ids: list[str]) -> list[str]:
    with Store(data_dir) as store:
        by_id = {r.rewrite_id: r.task_id for _t, r in store.rewrites.pairs(statuses=["submitted"])}
    return [by_id[rewrite_id] for rewrite_id in rewrite_ids]


@pytest.mark.heavy
def test_one_hundred_kills(tmp_path: Path) -> None:
    rnd = random.Random(HEAVY_SEED)
    plan = [phase for phase in PHASES for _ in range(HEAVY_RUNS_PER_PHASE)]
    rnd.shuffle(plan)
    per_series = len(plan) // HEAVY_SERIES
    started = time.monotonic()
    results = []
    for number in range(HEAVY_SERIES):
        kills = [
            (phase, rnd.randrange(1 << 30)) for phase in plan[number * per_series : (number + 1) * per_series]
        ]
        series, _wall = run_series(tmp_path / f"series-{number}", kills)
        results.extend(series)
    disk_runs = 0
    for mode in ("disk_full_autosave", "disk_full_seal"):
        data_dir = prepare_store(tmp_path / mode)
        run_disk_full(data_dir, mode, rnd.randrange(1 << 30), tmp_path / mode)
        disk_runs += 1
    line = figures_line(results, time.monotonic() - started, disk_full_runs=disk_runs, seed=HEAVY_SEED)
    print(line)
    if os.environ.get("RELIABILITY_FIGURES"):
        Path(os.environ["RELIABILITY_FIGURES"]).write_text(line + "\n")
    assert json.loads(line)["runs"] == 100
    _assert_clean(results)
