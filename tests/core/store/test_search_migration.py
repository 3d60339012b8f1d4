"""A store with the schema-4 search index moves to the lean one (schema 5) and finds the same tasks;
a migration that fails half-way leaves it at schema 4 with its search as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workstation.core.store import DB_FILE_NAME, Store, StoreError, new_rewrite, schema
from workstation.core.store.database import connect
from workstation.core.store.schema import migrate
from workstation.core.store.search_index import INDEX_NEW_TASKS

BEFORE = 4  # the last schema with positions in the search index

# (id, prompt, original, rewrite or None)
TASKS = [
    ("t0", "Write about otters", "Otters hold hands.", "Sea otters hold hands while asleep."),
    ("t1", "Écris sur les loutres", "Les loutres dorment.", None),
    ("t2", None, "Kettles boil water, don't they?", None),
    ("t3", "Reply to the e-mail", "Certainly! Otters and kettles.", "Otters, kettles."),
]
SEARCHES = {
    "otters": ["t0", "t3"],
    "asleep": ["t0"],  # in a rewrite only
    "ecris": ["t1"],  # diacritics folded
    "kettle": ["t2", "t3"],  # the last word as a prefix
    "don't": ["t2"],
    "e-mail": ["t3"],
    "certainly kettles": ["t3"],
    "zebras": [],
}


def make_schema_4_store(data_dir: Path) -> None:
    conn = connect(data_dir / DB_FILE_NAME)
    migrate(conn, up_to=BEFORE)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO projects(name, created_at) VALUES ('P', '2025-01-01T00:00:00.000Z')")
    for seq, (task_id, prompt, original, _rewrite) in enumerate(TASKS, start=1):
        conn.execute(
            "INSERT INTO tasks(seq, id, project, prompt, original, original_sha256, imported_at) "
            "VALUES (?, ?, 'P', ?, ?, 'sha', '2025-01-01T00:00:00.000Z')",
            (seq, task_id, prompt, original),
        )
    conn.execute(INDEX_NEW_TASKS, (0,))
    for task_id, _prompt, _original, rewrite in TASKS:
        if rewrite is not None:
            conn.execute(
                "INSERT INTO rewrites(task_id, rewrite_id, text, status, started_from, created_at, "
                "updated_at) VALUES (?, ?, ?, 'draft', 'original', 'now', 'now')",
                (task_id, f"rw-{task_id}", rewrite),
            )
            conn.execute("UPDATE tasks SET status = 'draft' WHERE id = ?", (task_id,))
    conn.execute("COMMIT")
    conn.close()


def stored_schema(data_dir: Path) -> tuple[int, str]:
    """The store's schema version and how its search index is declared, read without migrating."""
    conn = sqlite3.connect(f"{(data_dir / DB_FILE_NAME).as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        found = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'task_search'").fetchone()
        return version, found[0]
    finally:
        conn.close()


def old_index_finds(data_dir: Path, word: str) -> list[int]:
    conn = sqlite3.connect(f"{(data_dir / DB_FILE_NAME).as_uri()}?mode=ro", uri=True)
    try:
        return [
            seq for (seq,) in conn.execute("SELECT rowid FROM task_search WHERE task_search MATCH ?", (word,))
        ]
    finally:
        conn.close()


def test_the_migrated_index_finds_the_same_tasks_and_keeps_up(data_dir: Path) -> None:
    make_schema_4_store(data_dir)
    assert old_index_finds(data_dir, '"e mail"') == [4]  # the old index holds positions: phrases work
    with Store(data_dir) as store:
        conn = store.database.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        for typed, expected in SEARCHES.items():
            assert [row.id for row in store.tasks.queue(search=typed)] == expected, typed
            assert store.tasks.count_queue(search=typed) == len(expected)
        assert [row.id for row in store.tasks.queue(statuses=["draft"], search="otters")] == ["t0", "t3"]
        conn.execute("INSERT INTO task_search(task_search) VALUES ('integrity-check')")
        # The triggers still keep it up to date: a rewrite's new words in, its old words out.
        rewrite = store.rewrites.get("t0")
        assert rewrite is not None
        store.rewrites.save(rewrite.model_copy(update={"text": "Otters juggle pebbles."}))
        store.rewrites.save(new_rewrite(store.tasks.get("t1")).model_copy(update={"text": "Zebras."}))
        assert [row.id for row in store.tasks.queue(search="pebbles")] == ["t0"]
        assert store.tasks.queue(search="asleep") == []
        assert [row.id for row in store.tasks.queue(search="zebras")] == ["t1"]
        conn.execute("INSERT INTO task_search(task_search) VALUES ('integrity-check')")
    version, declared = stored_schema(data_dir)
    assert version == schema.SCHEMA_VERSION and "detail = none" in declared


def test_a_failing_migration_leaves_the_schema_4_store_and_its_search_as_they_were(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_schema_4_store(data_dir)
    before = stored_schema(data_dir)
    found_before = {word: old_index_finds(data_dir, f'"{word}"') for word in ("otters", "asleep", "kettles")}
    broken = [*schema.MIGRATIONS[BEFORE], "INSERT INTO no_such_table VALUES (1)"]
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:BEFORE], broken])
    with pytest.raises(StoreError, match="no_such_table"):
        Store(data_dir)
    monkeypatch.undo()
    assert stored_schema(data_dir) == before
    assert {word: old_index_finds(data_dir, f'"{word}"') for word in found_before} == found_before
    assert old_index_finds(data_dir, '"e mail"') == [4]
    with Store(data_dir) as store:  # the next start migrates it
        assert [row.id for row in store.tasks.queue(search="otters")] == ["t0", "t3"]
    assert stored_schema(data_dir)[0] == schema.SCHEMA_VERSION
