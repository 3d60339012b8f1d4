"""A big store for the benchmarks that open the app on a real-sized project, built once and kept.

100,000 synthetic tasks (``synthetic.py``) take a minute or more to write and import, so the
store is kept under ``/tmp/workstation-bench-cache``, named by the task count, the seed and the
schema version (a store of an older schema is built again, never migrated in the cache), and
each benchmark works on a copy. Some tasks carry rewrites so that every filter lists rows: every
10th task is submitted, every 25th (of the others) a draft; the store remembers a task 90% of
the way down as the one the writer had open, as a writer deep in a project would.

Run it alone to build the cache: ``python tests/benchmarks/big_store.py [--tasks N]``.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from synthetic import DEFAULT_SEED, write_tasks_jsonl  # noqa: E402

from workstation.core.store import DB_FILE_NAME, Store  # noqa: E402
from workstation.core.store.schema import SCHEMA_VERSION  # noqa: E402

CACHE = Path("/tmp/workstation-bench-cache")
BIG_TASKS = 100_000
SUBMITTED_EVERY = 10
DRAFT_EVERY = 25
LAST_OPEN_SHARE = 0.9
LAST_TASK_KEY = "gui.last_task"  # the window's own key (gui/writer/task_session.py)
_STAMP = "2024-06-01T10:05:00.000Z"


def cached_store(tasks: int = BIG_TASKS, seed: int = DEFAULT_SEED) -> Path:
    """The data dir of the kept store of ``tasks`` tasks, built first if it is missing."""
    target = CACHE / f"store-{tasks}-seed{seed}-schema{SCHEMA_VERSION}"
    if (target / DB_FILE_NAME).exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="building-") as scratch:
        work = Path(scratch)
        source = write_tasks_jsonl(work / "tasks.jsonl", tasks, seed)
        data_dir = work / "store"
        with Store(data_dir) as store:
            result = store.import_file(source.path, project="Bench")
            if result.added != tasks:
                raise RuntimeError(f"the big store imported {result.added} of {tasks} tasks")
        _add_rewrites(data_dir)
        with Store(data_dir) as store:
            far = store.tasks.queue(limit=1, offset=int(tasks * LAST_OPEN_SHARE))
            store.state.set(LAST_TASK_KEY, far[0].id)
        data_dir.rename(target)  # whole or not at all: a killed build leaves no half store
    return target


def working_copy(source: Path, destination: Path) -> Path:
    """A copy of the kept store to open (the app writes its state and a work session into it)."""
    shutil.copytree(source, destination)
    return destination


def _add_rewrites(data_dir: Path) -> None:
    """Submitted rewrites and drafts written straight into the tables, as ``bench_store.py`` does."""
    conn = sqlite3.connect(data_dir / DB_FILE_NAME, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for status, chosen in (
            ("submitted", f"seq % {SUBMITTED_EVERY} = 0"),
            ("draft", f"seq % {DRAFT_EVERY} = 0 AND seq % {SUBMITTED_EVERY} <> 0"),
        ):
            conn.execute(
                f"""
                INSERT INTO rewrites (task_id, rewrite_id, text, status, started_from, created_at,
                                      updated_at, submitted_at)
                SELECT id, 'rw-' || seq, replace(original, 'Certainly! ', ''), ?, 'original', ?, ?,
                       CASE WHEN ? = 'submitted' THEN ? END
                FROM tasks WHERE {chosen}
                """,
                (status, _STAMP, _STAMP, status, _STAMP),
            )
            conn.execute(f"UPDATE tasks SET status = ? WHERE {chosen}", (status,))
        conn.execute("COMMIT")
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=BIG_TASKS)
    args = parser.parse_args()
    started = time.perf_counter()
    path = cached_store(args.tasks)
    print(f"{path} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
