"""The SQLite store: schema, pragmas, saving rewrites, search, stats, integrity and backups."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from workstation.core.files.datadir import DataDirBusy, DataDirLock
from workstation.core.models import RewriteStatus
from workstation.core.store import DB_FILE_NAME, RewriteSealed, Store, StoreCorrupt, new_rewrite
from workstation.core.store.maintenance import check_integrity, list_backups, restore_backup
from workstation.core.store.schema import APPLICATION_ID, SCHEMA_VERSION


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def sample_records(n: int = 5) -> list[dict]:
    return [
        {
            "id": f"t{i}",
            "prompt": f"Write note {i} about otters",
            "response": f"Certainly! Otters are {i} times great.",
        }
        for i in range(n)
    ]


@pytest.fixture
def store(data_dir: Path) -> Store:
    with Store(data_dir) as opened:
        yield opened


def test_new_store_has_our_pragmas(store: Store) -> None:
    conn = store.database.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_import_then_reimport_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "tasks.jsonl", sample_records())
    first = store.import_file(path, project="Otters")
    assert first.ok and (first.added, first.already_present) == (5, 0)
    again = store.import_file(path, project="Otters")
    assert again.ok and (again.added, again.already_present) == (0, 5)
    assert store.tasks.count() == 5 and store.tasks.has_any()


def test_tasks_without_id_get_a_stable_content_hash(store: Store, tmp_path: Path) -> None:
    records = [{"prompt": "p", "response": "r1"}, {"prompt": "p", "response": "r2"}]
    path = write_jsonl(tmp_path / "noid.jsonl", records)
    assert store.import_file(path, project="P").added == 2
    assert store.import_file(path, project="P").added == 0
    ids = [row.id for row in store.tasks.queue()]
    assert len(set(ids)) == 2 and all(i.startswith("h-") for i in ids)


def test_a_bad_record_rolls_back_the_whole_file(store: Store, tmp_path: Path) -> None:
    records = sample_records(3)
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps(records[0])
        + "\n"
        + "{not json\n"
        + json.dumps(records[1])
        + "\n"
        + json.dumps({"id": "x", "response": ""})
        + "\n",
        encoding="utf-8",
    )
    result = store.import_file(path, project="P")
    assert not result.ok
    assert result.error_count == 2
    assert "bad.jsonl:2: not valid JSON" in result.errors[0]
    assert "bad.jsonl:4:" in result.errors[1]
    assert store.tasks.count() == 0 and not store.tasks.has_any()
    assert store.projects.names() == []  # the project row was rolled back too


def test_same_id_with_different_output_is_an_error(store: Store, tmp_path: Path) -> None:
    store.import_file(write_jsonl(tmp_path / "a.jsonl", sample_records(2)), project="P")
    changed = sample_records(2)
    changed[1]["response"] = "Something else entirely."
    result = store.import_file(write_jsonl(tmp_path / "b.jsonl", changed), project="P")
    assert not result.ok
    assert "t1" in result.errors[0] and "different" in result.errors[0]
    assert store.tasks.get("t1").original.startswith("Certainly! Otters are 1")


def test_cancelled_import_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "many.jsonl", sample_records(5000))
    result = store.import_file(path, project="P", should_cancel=lambda: True)
    assert result.cancelled and not result.ok
    assert store.tasks.count() == 0


def test_save_rewrite_updates_status_search_and_stats(store: Store, tmp_path: Path) -> None:
    store.import_file(write_jsonl(tmp_path / "t.jsonl", sample_records()), project="P")
    task = store.tasks.get("t2")
    draft = new_rewrite(task)
    assert draft.text == task.original
    saved = store.rewrites.save(draft.model_copy(update={"text": "Otters hold hands while they sleep."}))
    assert store.tasks.get("t2").status is RewriteStatus.DRAFT
    assert [r.id for r in store.tasks.queue(search="hands")] == ["t2"]
    submitted = store.rewrites.save(saved.model_copy(update={"status": RewriteStatus.SUBMITTED}))
    assert submitted.submitted_at is not None
    stats = store.stats()
    assert stats["tasks"] == 5 and stats["submitted"] == 1 and stats["open"] == 4
    pairs = list(store.rewrites.pairs(statuses=["submitted"]))
    assert [(t.id, r.text) for t, r in pairs] == [("t2", "Otters hold hands while they sleep.")]
    assert store.row_counts() == {"projects": 1, "tasks": 5, "rewrites": 1, "outbox": 0}


def test_unsealed_work_is_read_and_marked_inside_the_sealing_transaction(
    store: Store, tmp_path: Path
) -> None:
    store.import_file(write_jsonl(tmp_path / "t.jsonl", sample_records()), project="P")
    other = [{"id": "q0", "prompt": "Write about voles", "response": "Voles are small."}]
    store.import_file(write_jsonl(tmp_path / "q.jsonl", other), project="Q")
    for task_id in ("t3", "q0", "t1"):
        draft = new_rewrite(store.tasks.get(task_id))
        store.rewrites.save(draft.model_copy(update={"status": RewriteStatus.SUBMITTED}))
    store.rewrites.save(new_rewrite(store.tasks.get("t4")))  # a draft waits for nothing
    assert store.rewrites.count_unsealed() == 3 and store.rewrites.count_unsealed("Q") == 1
    with store.database.write() as conn:
        pairs = store.rewrites.unsealed_pairs(conn, "P")
        assert [(task.id, rewrite.task_id) for task, rewrite in pairs] == [("t1", "t1"), ("t3", "t3")]
        conn.execute(
            "INSERT INTO outbox(bundle_id, bundle_seq, signer_fingerprint, data, size, record_count, "
            "created_at, updated_at) VALUES ('sha256:x', 1, 'f', x'00', 1, 1, 'now', 'now')"
        )
        store.rewrites.mark_sealed(conn, [rewrite.rewrite_id for _task, rewrite in pairs], "sha256:x")
    assert store.rewrites.count_unsealed() == 1 and store.rewrites.count_unsealed("P") == 0
    assert store.rewrites.get("t1").sealed_bundle_id == "sha256:x"
    with store.database.write() as conn:
        assert [task.id for task, _rewrite in store.rewrites.unsealed_pairs(conn)] == ["q0"]
        with pytest.raises(RuntimeError, match="still unsealed"):
            store.rewrites.mark_sealed(conn, [pairs[0][1].rewrite_id], "sha256:x")


def test_sealed_rewrite_cannot_change(store: Store, tmp_path: Path) -> None:
    store.import_file(write_jsonl(tmp_path / "t.jsonl", sample_records(1)), project="P")
    saved = store.rewrites.save(new_rewrite(store.tasks.get("t0")))
    with store.database.write() as conn:
        conn.execute(
            "INSERT INTO outbox(bundle_id, bundle_seq, signer_fingerprint, data, size, record_count, "
            "created_at, updated_at) VALUES ('sha256:x', 1, 'f', x'00', 1, 1, 'now', 'now')"
        )
        conn.execute("UPDATE rewrites SET sealed_bundle_id = 'sha256:x'")
    with pytest.raises(RewriteSealed):
        store.rewrites.save(saved.model_copy(update={"text": "changed"}))
    assert store.rewrites.get("t0").text == saved.text


def test_search_with_fts_syntax_does_not_crash(store: Store, tmp_path: Path) -> None:
    store.import_file(write_jsonl(tmp_path / "t.jsonl", sample_records()), project="P")
    for text in ['"', "NEAR(", "otters AND", "-", "a:b", "ÖTTERS"]:
        store.tasks.queue(search=text)
    assert len(store.tasks.queue(search="OTTERS")) == 5


def test_corrupt_file_is_refused_and_left_alone(data_dir: Path) -> None:
    db = data_dir / DB_FILE_NAME
    db.write_bytes(b"this is not a database at all" * 100)
    before = db.read_bytes()
    with pytest.raises(StoreCorrupt, match=r"damaged|not ours|not a database"):
        Store(data_dir)
    assert db.read_bytes() == before


def test_foreign_sqlite_file_is_refused(data_dir: Path) -> None:
    conn = sqlite3.connect(data_dir / DB_FILE_NAME)
    conn.execute("CREATE TABLE other(x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorrupt):
        Store(data_dir)


def test_backup_and_restore(store: Store, tmp_path: Path) -> None:
    store.import_file(write_jsonl(tmp_path / "t.jsonl", sample_records()), project="P")
    backup = store.backup()
    assert backup.exists() and check_integrity(backup).ok
    assert list_backups(store.data_dir) == [backup]
    store.close()
    live = store.data_dir / DB_FILE_NAME
    live.write_bytes(b"garbage" * 1000)
    assert not check_integrity(live).ok
    aside = restore_backup(store.data_dir, backup)
    assert aside.exists()
    with Store(store.data_dir) as reopened:
        assert reopened.tasks.count() == 5


def test_second_lock_on_same_data_dir_is_refused(data_dir: Path) -> None:
    with DataDirLock(data_dir), pytest.raises(DataDirBusy, match="already open"):
        DataDirLock(data_dir).acquire()
    with DataDirLock(data_dir) as lock:  # released: can be taken again
        assert lock.held


def test_app_state_round_trip(store: Store) -> None:
    assert store.state.get("missing", 3) == 3
    store.state.set("gui.last_task", {"id": "t1", "cursor": 4})
    assert store.state.get("gui.last_task") == {"id": "t1", "cursor": 4}


def test_search_follows_rewrite_edits_and_ignores_chat_json_keys(store: Store, tmp_path: Path) -> None:
    records = [
        {
            "id": "chat",
            "messages": [{"role": "user", "content": "Tell me about otters"}],
            "response": "Sure.",
        },
        {"id": "plain", "prompt": "Kettles?", "response": "Kettles boil water."},
    ]
    store.import_file(write_jsonl(tmp_path / "c.jsonl", records), project="P")
    assert [r.id for r in store.tasks.queue(search="otters")] == ["chat"]
    assert store.tasks.queue(search="role") == []  # JSON keys of the chat turns are not indexed
    draft = store.rewrites.save(new_rewrite(store.tasks.get("plain")).model_copy(update={"text": "Zebras"}))
    assert [r.id for r in store.tasks.queue(search="zebras")] == ["plain"]
    store.rewrites.save(draft.model_copy(update={"text": "Giraffes"}))
    assert store.tasks.queue(search="zebras") == []
    assert [r.id for r in store.tasks.queue(search="giraffes")] == ["plain"]
    assert [r.id for r in store.tasks.queue(search="kettles")] == ["plain"]  # the original stays found
    with store.database.write() as conn:
        conn.execute("INSERT INTO task_search(task_search) VALUES ('integrity-check')")
