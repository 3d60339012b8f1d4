"""The store touches nothing it refuses, and every machine failure under it is a sentence.

A foreign or newer file is refused with "Nothing was changed", and that is checked byte for byte
(with no ``-wal``/``-shm`` left beside it). A full disk, a read-only file or a lock held by another
program, met in the middle of a write, end as a StoreError sentence with the store as it was.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from tests.core.store.test_store import sample_records, write_jsonl
from workstation.core.store import DB_FILE_NAME, Store, StoreBusy, StoreCorrupt, StoreError, database
from workstation.core.store.maintenance import check_integrity, make_backup, restore_backup
from workstation.core.store.schema import APPLICATION_ID

SIDECARS = ("-wal", "-shm", "-journal")


def _snapshot(db: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and which SQLite sidecar files sit beside it."""
    return db.read_bytes(), sorted(s for s in SIDECARS if Path(f"{db}{s}").exists())


def _foreign(db: Path, *, journal: str = "delete", application_id: int = 0) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    if application_id:
        conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("readonly", [False, True], ids=["writer", "reader"])
@pytest.mark.parametrize(
    ("journal", "application_id", "words"),
    [
        ("delete", 0, "already holds tables that are not ours"),
        ("wal", 0, "already holds tables that are not ours"),
        ("delete", 0x46495245, "belongs to another application"),
        ("wal", 0x46495245, "belongs to another application"),
    ],
    ids=["rollback-no-id", "wal-no-id", "rollback-other-id", "wal-other-id"],
)
def test_a_foreign_sqlite_file_is_refused_unchanged(
    data_dir: Path, readonly: bool, journal: str, application_id: int, words: str
) -> None:
    db = data_dir / DB_FILE_NAME
    _foreign(db, journal=journal, application_id=application_id)
    before = _snapshot(db)
    assert before[1] == []  # a cleanly closed database has no sidecar files
    with pytest.raises(StoreCorrupt) as refused:
        Store(data_dir, readonly=readonly)
    assert words in str(refused.value) and str(refused.value).endswith("Nothing was changed.")
    assert _snapshot(db) == before


def test_a_file_that_is_not_sqlite_is_refused_unchanged(data_dir: Path) -> None:
    db = data_dir / DB_FILE_NAME
    db.write_bytes(b"PK\x03\x04 a zip file, not a database" * 10)
    before = _snapshot(db)
    with pytest.raises(StoreCorrupt, match=r"is damaged .*; nothing was changed\. Run `workstation doctor`"):
        Store(data_dir)
    assert _snapshot(db) == before


def test_a_newer_store_is_refused_for_reading_and_writing_and_left_as_it_was(data_dir: Path) -> None:
    with Store(data_dir):
        pass
    db = data_dir / DB_FILE_NAME
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = _snapshot(db)
    for readonly in (True, False):
        with pytest.raises(StoreCorrupt, match=r"newer Rewrite Workstation \(schema 99.*update the app"):
            Store(data_dir, readonly=readonly)
    assert _snapshot(db) == before


def test_an_empty_file_is_a_store_not_yet_made(data_dir: Path) -> None:
    (data_dir / DB_FILE_NAME).write_bytes(b"")
    with Store(data_dir) as store:
        assert store.tasks.count() == 0
    assert (
        sqlite3.connect(data_dir / DB_FILE_NAME).execute("PRAGMA application_id").fetchone()[0]
        == APPLICATION_ID
    )


@pytest.mark.parametrize("readonly", [False, True], ids=["writer", "reader"])
def test_a_folder_in_the_stores_place_is_named(data_dir: Path, readonly: bool) -> None:
    (data_dir / DB_FILE_NAME).mkdir()
    with pytest.raises(StoreError) as refused:
        Store(data_dir, readonly=readonly)
    assert str(refused.value) == (
        f"the store {data_dir / DB_FILE_NAME} is a folder, not a database file; "
        "move it out of the data folder. Nothing was changed."
    )
    assert list((data_dir / DB_FILE_NAME).iterdir()) == []


def _filled_store(data_dir: Path, tmp_path: Path) -> Store:
    store = Store(data_dir)
    store.import_file(write_jsonl(tmp_path / "first.jsonl", sample_records(5)), project="P")
    return store


def test_a_full_disk_during_an_import_is_a_sentence_and_keeps_the_store(
    data_dir: Path, tmp_path: Path
) -> None:
    store = _filled_store(data_dir, tmp_path)
    pages = store.database.conn.execute("PRAGMA page_count").fetchone()[0]
    store.database.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up now
    records = [{"id": f"big{i}", "prompt": "p", "response": "words " * 400} for i in range(500)]
    with pytest.raises(StoreError) as failed:
        store.import_file(write_jsonl(tmp_path / "big.jsonl", records), project="P")
    assert str(failed.value) == (
        f"the disk holding the store {data_dir / DB_FILE_NAME} is full; free some space and try again. "
        "Nothing was changed."
    )
    assert store.tasks.count() == 5
    store.close()
    assert check_integrity(data_dir / DB_FILE_NAME).ok


def test_a_read_only_store_met_while_writing_is_a_sentence(data_dir: Path, tmp_path: Path) -> None:
    store = _filled_store(data_dir, tmp_path)
    store.database.conn.execute("PRAGMA query_only = ON")  # SQLite answers as for a read-only file
    with pytest.raises(StoreError, match="cannot be written: its disk is read-only or you may not write"):
        store.import_file(write_jsonl(tmp_path / "more.jsonl", sample_records(8)), project="P")
    store.database.conn.execute("PRAGMA query_only = OFF")
    assert store.tasks.count() == 5
    store.close()


def test_a_store_locked_by_another_program_is_a_sentence(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled_store(data_dir, tmp_path).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(data_dir / DB_FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store(data_dir) as store, pytest.raises(StoreBusy, match="is locked by another program"):
            store.import_file(write_jsonl(tmp_path / "more.jsonl", sample_records(8)), project="P")
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_other_sqlite_errors_in_a_write_are_not_dressed_up(data_dir: Path) -> None:
    with (
        Store(data_dir) as store,
        pytest.raises(sqlite3.OperationalError, match="no such table"),
        store.database.write() as conn,
    ):
        conn.execute("SELECT * FROM no_such_table")


class _FullDisk:
    """A connection whose ``VACUUM INTO`` writes half a backup, then finds the disk full."""

    def execute(self, _sql: str, parameters: tuple[str]) -> None:
        Path(parameters[0]).write_bytes(b"half a backup")
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]
        raise error


def test_a_backup_on_a_full_disk_is_a_sentence_and_leaves_no_half_backup(data_dir: Path) -> None:
    with pytest.raises(StoreError, match=r"^no backup was made: the disk holding the store .* is full"):
        make_backup(_FullDisk(), data_dir)  # type: ignore[arg-type]
    assert list((data_dir / "backups").iterdir()) == []


def test_a_restore_that_cannot_copy_leaves_the_store_in_place(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _filled_store(data_dir, tmp_path)
    backup = store.backup()
    store.close()
    live = data_dir / DB_FILE_NAME
    before = live.read_bytes()

    def disk_full(_source: object, destination: object) -> None:
        Path(str(destination)).write_bytes(b"part")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(destination))

    monkeypatch.setattr("shutil.copyfile", disk_full)
    with pytest.raises(StoreError, match=r"^nothing was restored: .*the disk is full"):
        restore_backup(data_dir, backup)
    assert live.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == [DB_FILE_NAME]


def test_the_integrity_check_names_a_folder_in_the_stores_place(data_dir: Path) -> None:
    (data_dir / DB_FILE_NAME).mkdir()
    report = check_integrity(data_dir / DB_FILE_NAME)
    assert report.problems == ("the store is a folder, not a database file",)
