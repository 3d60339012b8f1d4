"""The reliability harness: start the app on a real store, SIGKILL it at a chosen moment, and
check what the store kept. Used by ``test_reliability.py`` (3 kills in CI, 100 behind ``heavy``).

Each kill run plays ``reliability_child.py``'s ``kill`` scenario and is killed during one phase:
``typing`` (between keystrokes), ``autosave`` (just after a save started on the store thread),
``submit``, ``seal`` (just after the seal transaction started) or ``import``, after a delay drawn
from the run's seeded generator. After each kill the store must be whole:

- ``PRAGMA integrity_check`` is ok;
- every rewrite submitted in any earlier run of the same store is there, submitted, byte for byte;
- each draft typed in the run is its start text with a prefix of the typed characters: at least
  every character of the last save the store confirmed, and every character typed before the
  kill by more than the autosave's longest wait (``AUTOSAVE_MAX_WAIT_MS``) plus a second of
  slack for the save itself;
- a task's work sessions add up to its rewrite's active seconds (one transaction), and the
  sitting of each confirmed save is on record;
- the import is all there or not at all; every bundle in the outbox has exactly its rewrites
  marked sealed, and no rewrite names a bundle the outbox lacks.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.core.demo import create_demo_data_dir
from workstation.core.models import RewriteStatus
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.common import sizes

CHILD = Path(__file__).with_name("reliability_child.py")
REPO = Path(__file__).resolve().parents[2]
PHASES = ("typing", "autosave", "submit", "seal", "import")
IMPORT_TASKS = 10_000
SAVE_SLACK_MS = 1000
"""Time allowed for a save the timer started to reach the disk (a loaded CI machine)."""
LOSS_BOUND_MS = sizes.AUTOSAVE_MAX_WAIT_MS + SAVE_SLACK_MS
TRIGGER_TIMEOUT_S = 90.0
ALL_STATUSES = [status.value for status in RewriteStatus]

# When to kill, per phase: the event that starts the clock, which occurrence of it, and the
# longest delay after it (seconds); the delay is drawn uniformly from [0, longest].
_TRIGGERS = {
    "typing": ("phase", "typing", (1,), 1.2),
    "autosave": ("save", None, (1, 2, 3), 0.006),
    "submit": ("phase", "submit", (1,), 0.08),
    "seal": ("seal", None, (1,), 0.012),
    "import": ("phase", "import", (1,), 1.0),
}


def prepare_store(root: Path) -> Path:
    """The demo data folder with an unencrypted signing key (sealing needs one, no dialog)."""
    data_dir = create_demo_data_dir(root / "store")
    ident.init_identity(data_dir, "Harness Writer", None, unencrypted=True)
    return data_dir


def child_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}


def read_events(lines: list[str]) -> list[dict[str, Any]]:
    events = []
    for line in lines:
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # the last line may have been cut by the kill
    return events


@dataclass
class RunFigures:
    phase: str
    killed_in_phase: bool = False
    before_done: bool = False  # the kill came before the phase's work was confirmed (mid-save…)
    integrity_ok: bool = False
    rewrites_checked: int = 0
    rewrites_intact: int = 0
    chars_lost: int = 0
    ms_lost: float = 0.0
    problems: list[str] = field(default_factory=list)


@dataclass
class Ledger:
    """What earlier runs of one store left that must survive every later kill."""

    submitted: dict[str, str] = field(default_factory=dict)  # task id -> sha256 of its text
    runs: int = 0


def run_kill(data_dir: Path, ledger: Ledger, phase: str, seed: int, work: Path) -> RunFigures:
    """One run: start the child, kill it during ``phase``, check the store."""
    rnd = random.Random(seed)
    ledger.runs += 1
    prefix = f"imp-{ledger.runs}-{seed}-"
    import_file = work / f"import-{seed}.jsonl"
    import_file.write_text(
        "".join(
            json.dumps({"id": f"{prefix}{n}", "prompt": f"Prompt {n}", "response": f"Response number {n}."})
            + "\n"
            for n in range(IMPORT_TASKS)
        ),
        encoding="utf-8",
    )
    scenario = work / f"scenario-{seed}.json"
    scenario.write_text(
        json.dumps(
            {
                "mode": "kill",
                "seed": seed,
                "exclude": sorted(ledger.submitted),
                "import_file": str(import_file),
            }
        )
    )
    event, name, occurrences, longest = _TRIGGERS[phase]
    wanted = rnd.choice(occurrences)
    delay = rnd.uniform(0.0, longest)
    figures = RunFigures(phase)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(scenario)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    seen = 0
    started = time.monotonic()
    killed_at = None
    try:
        for line in child.stdout:
            lines.append(line)
            parsed = read_events([line])
            if parsed and parsed[0]["ev"] == event and (name is None or parsed[0].get("name") == name):
                seen += 1
                if seen == wanted:
                    time.sleep(delay)
                    killed_at = time.monotonic()
                    child.send_signal(signal.SIGKILL)
                    figures.killed_in_phase = True
                    break
            if time.monotonic() - started > TRIGGER_TIMEOUT_S:
                break
        if killed_at is None:
            killed_at = time.monotonic()
            child.send_signal(signal.SIGKILL)
            figures.problems.append(f"{phase}: the trigger never came")
        lines.extend(child.stdout)
        errors = child.stderr.read()
    finally:
        child.kill()
        child.wait(timeout=60)
        child.stdout.close()
        child.stderr.close()
    events = read_events(lines)
    if not any(e["ev"] == "ready" for e in events):
        figures.problems.append(f"{phase}: the child never got ready: {errors[-2000:]}")
    figures.before_done = _killed_before_done(phase, events)
    check_store(data_dir, ledger, events, killed_at, prefix, figures)
    return figures


_DONE_EVENTS = {"autosave": ("save", "saved"), "seal": ("seal", "sealed"), "import": ("phase", "imported")}


def _killed_before_done(phase: str, events: list[dict[str, Any]]) -> bool:
    """Whether the kill cut the phase's work short: a save, seal or import started and its
    result never came back, or a submit that never reported the submitted rewrite."""
    if phase == "submit":
        started = [n for n, e in enumerate(events) if e["ev"] == "phase" and e.get("name") == "submit"]
        return bool(started) and not any(e["ev"] == "submitted" for e in events[started[0] :])
    if phase not in _DONE_EVENTS:
        return False
    begin, done = _DONE_EVENTS[phase]
    begun = sum(e["ev"] == begin and (begin != "phase" or e.get("name") == phase) for e in events)
    return begun > sum(e["ev"] == done for e in events)


def check_store(
    data_dir: Path,
    ledger: Ledger,
    events: list[dict[str, Any]],
    killed_at: float,
    import_prefix: str,
    figures: RunFigures,
) -> None:
    problems = figures.problems
    for e in events:
        if e["ev"] == "submitted":
            ledger.submitted[e["task"]] = e["sha"]
    with Store(data_dir) as store:
        figures.integrity_ok = store.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not figures.integrity_ok:
            problems.append("integrity_check failed")
        rewrites = {r.task_id: r for _task, r in store.rewrites.pairs(statuses=ALL_STATUSES)}
        for task_id, sha in ledger.submitted.items():
            figures.rewrites_checked += 1
            stored = rewrites.get(task_id)
            if (
                stored is not None
                and stored.status is RewriteStatus.SUBMITTED
                and hashlib.sha256(stored.text.encode()).hexdigest() == sha
            ):
                figures.rewrites_intact += 1
            else:
                problems.append(f"submitted rewrite of {task_id} is not intact")
        _check_drafts(store, rewrites, events, killed_at, figures)
        imported = sum(store.tasks.get(f"{import_prefix}{n}") is not None for n in range(IMPORT_TASKS))
        if imported not in (0, IMPORT_TASKS):
            problems.append(f"half an import: {imported} of {IMPORT_TASKS} tasks")
        bundles = {row.bundle_id: row.record_count for row in store.outbox.rows()}
        marked: dict[str, int] = {}
        for rewrite in rewrites.values():
            if rewrite.sealed_bundle_id:
                marked[rewrite.sealed_bundle_id] = marked.get(rewrite.sealed_bundle_id, 0) + 1
        if marked != bundles:
            problems.append(f"outbox and sealed rewrites disagree: {bundles} vs {marked}")


def _check_drafts(
    store: Store,
    rewrites: dict[str, Any],
    events: list[dict[str, Any]],
    killed_at: float,
    figures: RunFigures,
) -> None:
    """Every typed task: start text plus a prefix of the typing, as fresh as the rules say."""
    typed: dict[str, list[tuple[str, float]]] = {}
    base: dict[str, str] = {}
    sittings: dict[str, str] = {}
    confirmed: dict[str, int] = {}
    for e in events:
        if e["ev"] == "open":
            base[e["task"]] = e["base"]
            sittings[e["task"]] = e["sitting"]
            typed[e["task"]] = []
        elif e["ev"] == "key":
            typed[e["task"]].append((e["c"], e["t"]))
        elif e["ev"] == "saved" and e["task"] in base:
            confirmed[e["task"]] = max(confirmed.get(e["task"], 0), e["len"])
    for task_id, keys in typed.items():
        if not keys:
            continue
        text = "".join(c for c, _t in keys)
        stored = rewrites.get(task_id)
        stored_text = stored.text if stored is not None else base[task_id]
        kept = len(stored_text) - len(base[task_id])
        if kept < 0 or stored_text != text[:kept] + base[task_id]:
            figures.problems.append(f"{task_id}: the stored draft is not the typing over its start text")
            continue
        if len(stored_text) < confirmed.get(task_id, 0):
            figures.problems.append(f"{task_id}: a confirmed save was lost")
        lost = keys[kept:]
        if lost:
            ms_lost = (killed_at - lost[0][1]) * 1000
            figures.chars_lost = max(figures.chars_lost, len(lost))
            figures.ms_lost = max(figures.ms_lost, ms_lost)
            if ms_lost > LOSS_BOUND_MS:
                figures.problems.append(
                    f"{task_id}: lost {len(lost)} keys typed {ms_lost:.0f} ms before the kill"
                )
        if stored is not None:
            sessions = store.work_sessions.for_task(task_id)
            total = sum(s.active_seconds for s in sessions)
            if abs(total - stored.active_seconds) > 0.11:
                figures.problems.append(
                    f"{task_id}: sessions add up to {total} s, the rewrite says {stored.active_seconds} s"
                )
            if task_id in confirmed and not any(s.id == sittings[task_id] for s in sessions):
                figures.problems.append(f"{task_id}: the sitting of a confirmed save is not on record")


def run_disk_full(data_dir: Path, mode: str, seed: int, work: Path) -> list[dict[str, Any]]:
    """Play a full-disk scenario to its end (the child quits the normal way); its events."""
    scenario = work / f"scenario-{mode}-{seed}.json"
    scenario.write_text(json.dumps({"mode": mode, "seed": seed, "exclude": [], "retry_ms": 200}))
    done = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), str(scenario)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=180,
        check=False,
    )
    events = read_events(done.stdout.splitlines())
    assert done.returncode == 0 and events and events[-1]["ev"] == "quit", done.stderr[-3000:]
    return events


def run_series(root: Path, kills: list[tuple[str, int]]) -> tuple[list[RunFigures], float]:
    """Kill runs on ONE store, in order; each run's checks include every earlier run's work."""
    started = time.monotonic()
    data_dir = prepare_store(root)
    ledger = Ledger()
    work = root / "work"
    work.mkdir()
    results = [run_kill(data_dir, ledger, phase, seed, work) for phase, seed in kills]
    return results, time.monotonic() - started


def figures_line(results: list[RunFigures], wall_s: float, **extra: Any) -> str:
    kills: dict[str, int] = {phase: 0 for phase in PHASES}
    cut_short: dict[str, int] = {phase: 0 for phase in PHASES if phase != "typing"}
    for result in results:
        if result.killed_in_phase:
            kills[result.phase] += 1
        if result.before_done:
            cut_short[result.phase] += 1
    return json.dumps(
        {
            "runs": len(results),
            "kills_per_phase": kills,
            "kills_before_the_work_was_confirmed": cut_short,
            "integrity_ok": sum(r.integrity_ok for r in results),
            "rewrites_checked": sum(r.rewrites_checked for r in results),
            "rewrites_intact": sum(r.rewrites_intact for r in results),
            "max_chars_lost": max((r.chars_lost for r in results), default=0),
            "max_ms_lost": round(max((r.ms_lost for r in results), default=0.0)),
            "loss_bound_ms": LOSS_BOUND_MS,
            "problems": [p for r in results for p in r.problems],
            "wall_s": round(wall_s, 1),
            **extra,
        }
    )
