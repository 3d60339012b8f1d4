"""Stores left by the previous release migrate with every second of work intact; newer ones are refused."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from workstation.core.models import WorkSessionSource
from workstation.core.store import DB_FILE_NAME, Store, StoreCorrupt, StoreError, new_rewrite, schema
from workstation.core.store.database import connect
from workstation.core.store.schema import SCHEMA_VERSION, migrate
from workstation.core.store.search_index import INDEX_NEW_TASKS

PREVIOUS = 1  # the schema before work sessions

# (task, rewrite's active seconds, created_at, updated_at). t3's laptop clock was set back between
# its first and last save; t2 was opened but never timed.
REWRITES = [
    ("t0", 93.5, "2025-01-10T09:00:00.000Z", "2025-01-12T17:30:00.000Z"),
    ("t1", 0.25, "2025-01-11T08:00:00.000Z", "2025-01-11T08:00:01.000Z"),
    ("t2", 0.0, "2025-01-11T10:00:00.000Z", "2025-01-11T10:05:00.000Z"),
    ("t3", 4000.123, "2025-02-01T12:00:00.000Z", "2025-01-31T12:00:00.000Z"),
]


def make_previous_store(data_dir: Path) -> None:
    """A data dir as the release before work sessions left it: tasks, rewrites with totals, search."""
    conn = connect(data_dir / DB_FILE_NAME)
    migrate(conn, up_to=PREVIOUS)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO projects(name, created_at) VALUES ('Mail', '2025-01-01T00:00:00.000Z')")
    conn.execute("INSERT INTO projects(name, created_at) VALUES ('Chat', '2025-01-01T00:00:00.000Z')")
    for seq, task_id in enumerate(["t0", "t1", "t2", "t3", "t4"], start=1):
        conn.execute(
            "INSERT INTO tasks(seq, id, project, prompt, original, original_sha256, imported_at, status) "
            "VALUES (?, ?, ?, 'Write about otters', ?, 'sha', '2025-01-01T00:00:00.000Z', 'draft')",
            (seq, task_id, "Chat" if task_id == "t3" else "Mail", f"Otters, part {seq}."),
        )
    conn.execute(INDEX_NEW_TASKS, (0,))
    for task_id, seconds, created_at, updated_at in REWRITES:
        conn.execute(
            "INSERT INTO rewrites(task_id, rewrite_id, text, status, started_from, active_seconds, "
            "created_at, updated_at) VALUES (?, ?, 'A rewrite about otters.', 'draft', 'original', ?, ?, ?)",
            (task_id, f"rw-{task_id}", seconds, created_at, updated_at),
        )
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == PREVIOUS
    conn.close()


def table_names(data_dir: Path) -> set[str]:
    conn = connect(data_dir / DB_FILE_NAME, readonly=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_previous_store_migrates_with_its_totals_intact(data_dir: Path) -> None:
    make_previous_store(data_dir)
    with Store(data_dir) as store:
        conn = store.database.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for task_id, seconds, created_at, updated_at in REWRITES:
            sessions = store.work_sessions.for_task(task_id)
            rewrite = store.rewrites.get(task_id)
            assert rewrite is not None and rewrite.active_seconds == seconds
            assert math.fsum(s.active_seconds for s in sessions) == seconds
            if seconds == 0:
                assert sessions == []  # no time, nothing to record
                continue
            [session] = sessions
            assert session.source is WorkSessionSource.MIGRATED
            assert session.project == ("Chat" if task_id == "t3" else "Mail")
            assert session.started_at == created_at
            assert session.ended_at == max(created_at, updated_at)  # never ends before it starts
            assert session.keystrokes is None and session.revisions is None  # effort: not recorded
        assert store.work_sessions.for_task("t4") == []  # a task never rewritten
        assert store.work_sessions.seconds_by_project() == pytest.approx({"Chat": 4000.123, "Mail": 93.75})
        assert [r.id for r in store.tasks.queue(search="otters")] == ["t0", "t1", "t2", "t3", "t4"]


def test_work_goes_on_after_the_migration_and_it_runs_once(data_dir: Path) -> None:
    make_previous_store(data_dir)
    with Store(data_dir) as store:
        task = store.tasks.get("t0")
        assert task is not None
        rewrite = store.rewrites.get("t0") or new_rewrite(task)
        [migrated] = store.work_sessions.for_task("t0")
        sitting = migrated.model_copy(
            update={
                "id": "ws-new",
                "source": WorkSessionSource.APP,
                "started_at": "2025-03-01T09:00:00.000Z",
                "ended_at": "2025-03-01T09:10:00.000Z",
                "active_seconds": 600.0,
            }
        )
        store.save_work(rewrite.model_copy(update={"active_seconds": 693.5}), sitting)
    with Store(data_dir) as reopened:
        sessions = reopened.work_sessions.for_task("t0")
        assert [s.source for s in sessions] == [WorkSessionSource.MIGRATED, WorkSessionSource.APP]
        assert math.fsum(s.active_seconds for s in sessions) == reopened.rewrites.get("t0").active_seconds  # type: ignore[union-attr]


def test_a_failing_migration_leaves_the_previous_store_as_it_was(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_previous_store(data_dir)
    broken = [*schema.MIGRATIONS[PREVIOUS], "INSERT INTO no_such_table VALUES (1)"]
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:PREVIOUS], broken])
    with pytest.raises(StoreError, match="no_such_table"):
        Store(data_dir)
    monkeypatch.undo()
    assert "work_sessions" not in table_names(data_dir)
    conn = connect(data_dir / DB_FILE_NAME, readonly=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == PREVIOUS
    conn.close()
    with Store(data_dir) as store:  # the next start migrates it
        assert len(store.work_sessions.between()) == 3


def test_a_store_from_a_newer_release_is_refused_and_left_alone(data_dir: Path) -> None:
    with Store(data_dir) as store:
        store.database.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreCorrupt, match=f"newer Rewrite Workstation \\(schema {SCHEMA_VERSION + 1}"):
        Store(data_dir)
    with pytest.raises(StoreCorrupt, match="newer Rewrite Workstation"):
        connect(data_dir / DB_FILE_NAME, readonly=True)  # a background reader is refused too
    conn = sqlite3.connect(f"{(data_dir / DB_FILE_NAME).as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.close()


SCHEMA_3 = 3  # before projects' rules and the edited-after-submit mark


def test_a_schema_3_store_keeps_its_submitted_and_sealed_rewrites(data_dir: Path) -> None:
    """Submitted and sealed work from before schema 4 migrates confirmed: the sealed stays sealed,
    the submitted still seals, and nothing is marked edited after submit."""
    make_previous_store(data_dir)
    conn = connect(data_dir / DB_FILE_NAME)
    migrate(conn, up_to=SCHEMA_3)
    bundle_id = "sha256:" + "ab" * 32
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO outbox(bundle_id, bundle_seq, signer_fingerprint, data, size, record_count, "
        "created_at, updated_at) VALUES (?, 1, 'fp', x'00', 1, 1, 'then', 'then')",
        (bundle_id,),
    )
    conn.execute(
        "UPDATE rewrites SET status = 'submitted', submitted_at = updated_at WHERE task_id IN ('t0', 't1')"
    )
    conn.execute("UPDATE rewrites SET sealed_bundle_id = ? WHERE task_id = 't0'", (bundle_id,))
    conn.execute("UPDATE tasks SET status = 'submitted' WHERE id IN ('t0', 't1')")
    conn.execute("COMMIT")
    conn.close()
    with Store(data_dir) as store:
        assert store.database.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for task_id, _seconds, created_at, updated_at in REWRITES:
            rewrite = store.rewrites.get(task_id)
            assert rewrite is not None and rewrite.text == "A rewrite about otters."
            assert (rewrite.created_at, rewrite.updated_at) == (created_at, updated_at)
            assert rewrite.edited_after_submit is None
        assert store.rewrites.get("t0").sealed_bundle_id == bundle_id  # type: ignore[union-attr]
        states = {row.id: row.state for row in store.tasks.queue()}
        assert states == {"t0": "sealed", "t1": "submitted", "t2": "draft", "t3": "draft", "t4": "draft"}
        assert store.rewrites.count_unsealed() == 1 and store.rewrites.count_edited_after_submit() == 0
